namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>
/// What most API test classes start from: the app on its own database (one per class), an editor's, a reader's and
/// an admin's client, and content arranged through the management API.
/// </summary>
public abstract class ApiTest<TFactory>(TFactory factory) : IClassFixture<TFactory>, IDisposable where TFactory : CmsApiFactory
{
    protected TFactory Factory { get; } = factory;

    protected HttpClient Editor { get; } = factory.CreateEditorClient();

    /// <summary>Anonymous, as a front end reads the delivery API.</summary>
    protected HttpClient Reader { get; } = factory.CreateAnonymousClient();

    protected HttpClient Admin { get; } = factory.CreateAdminClient();

    /// <summary>Arranges categories and articles as the editor; every name it makes is unique.</summary>
    protected Content Content => new(Editor);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Editor.Dispose();
        Reader.Dispose();
        Admin.Dispose();
        GC.SuppressFinalize(this);
    }
}

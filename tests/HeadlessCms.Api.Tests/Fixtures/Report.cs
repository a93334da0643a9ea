namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>Counts a test wants to show (requests sent, answers by class...): to the test output and to a file in the temp folder.</summary>
public static class Report
{
    public static void Write(string name, string text)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "headlesscms-test-report.txt"), $"{DateTime.UtcNow:O} {name}: {text}{Environment.NewLine}");
    }
}

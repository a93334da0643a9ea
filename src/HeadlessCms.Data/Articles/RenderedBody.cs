namespace HeadlessCms.Data.Articles;

/// <summary>
/// A Markdown body and the HTML it renders to, made together at write time (the API's MarkdownRenderer is the one
/// place that makes them), so an article stores both and readers are served the stored HTML without rendering.
/// </summary>
public sealed record RenderedBody(string Markdown, string Html);

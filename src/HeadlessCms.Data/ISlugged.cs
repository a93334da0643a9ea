namespace HeadlessCms.Data;

/// <summary>An entity addressed by a unique slug (articles, categories), so one helper finds free slugs for both.</summary>
public interface ISlugged
{
    string Slug { get; set; }
}

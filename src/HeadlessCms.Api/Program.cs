using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Audit;
using HeadlessCms.Api.Preview;
using HeadlessCms.Api.Revisions;
using HeadlessCms.Api.Categories;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Summaries;

var builder = WebApplication.CreateBuilder(args);

builder.AddCmsHosting();
builder.Services.AddCmsServices(builder.Configuration, builder.Environment);

var app = builder.Build();

if (await StartupCommands.TryRunAsync(app, args))
{
    return;
}

app.UseCmsPipeline();

app.MapHealth();
app.MapArticles();
app.MapManageArticles();
app.MapCategories();
app.MapManageCategories();
app.MapSummaries();
app.MapManageSummaries();
app.MapManageApiKeys();
app.MapRevisions();
app.MapPreview();
app.MapAudit();

await StartupTasks.RunAsync(app);
await app.RunAsync();

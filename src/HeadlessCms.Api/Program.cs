using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Audit;
using HeadlessCms.Api.Preview;
using HeadlessCms.Api.Revisions;
using HeadlessCms.Api.Categories;
using HeadlessCms.Api.Demo;
using HeadlessCms.Api.Events;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Telemetry;
using HeadlessCms.Api.Summaries;

var phases = StartupPhases.Begin();
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(phases);

builder.AddCmsHosting();
builder.AddCmsTelemetry();
builder.Services.AddCmsServices(builder.Configuration, builder.Environment);
builder.Services.AddContentEvents(builder.Configuration);

// The features' own services and start-up tasks; the tasks run in this order once the database is migrated.
builder.Services.AddApiKeys();
builder.Services.AddArticles();
builder.Services.AddDemoContent();
builder.Services.AddSummaries();
builder.Services.AddSingleton<SearchTerms>();

var app = builder.Build();
phases.Mark("HostBuild");

if (await StartupCommands.TryRunAsync(app, args))
{
    return;
}

app.UseCmsPipeline();

app.MapHealth();
app.MapCmsMetrics();

// Delivery (public, cached), then management (API key): Swagger UI lists the groups in this order.
app.MapArticles();
app.MapCategories();
app.MapSummaries();
app.MapManageArticles();
app.MapManageCategories();
app.MapManageSummaries();
app.MapManageApiKeys();
app.MapContentEvents();
app.MapRevisions();
app.MapPreview();
app.MapAudit();
phases.Mark("Pipeline");

await StartupTasks.RunAsync(app);
await app.RunAsync();

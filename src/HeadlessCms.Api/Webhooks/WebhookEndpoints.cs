using System.Text.Json.Nodes;
using System.Linq.Expressions;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Events;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data;
using HeadlessCms.Data.Webhooks;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Webhooks;

/// <summary>Admins register receivers of content events.</summary>
public static class WebhookEndpoints
{
    private static readonly SortOptions<Webhook> Sorts = new("-createdAt", SortKey.For<Webhook, DateTime>("createdAt", w => w.CreatedAt, w => w.Id));
    private static readonly SortOptions<WebhookDelivery> DeliverySorts =
        new("-attemptedAt", SortKey.For<WebhookDelivery, DateTime>("attemptedAt", d => d.AttemptedAt, d => d.Id));

    public static void MapManageWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/webhooks").WithManagement(ApiKeyAuthentication.AdminPolicy)
            .WithTag("Webhooks (admin)", "Signed (Standard Webhooks) POSTs of content events to your receivers, retried for 24 h. Needs an admin key.")
            .WithRequestExamples<WebhookRequest>(("Site rebuild", new JsonObject
            {
                ["url"] = "https://build.example.com/hooks/cms",
                ["events"] = new JsonArray("article.published", "article.updated", "article.unpublished", "article.deleted"),
                ["description"] = "Rebuild the static site",
            }));
        group.MapGet("/", List).WithName("ListWebhooks").WithSummary("List webhooks").WithSortValues(Sorts);
        group.MapGet("/{id:int}", Get).WithName("GetWebhook").WithSummary("Get a webhook (with why it was disabled, if it was)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Create).WithName("CreateWebhook").WithSummary("Register a webhook").WithDescription(WebhookDocs.Create);
        group.MapPut("/{id:int}", Update).WithName("UpdateWebhook").WithSummary("Replace a webhook's settings")
            .WithDescription("Same rules as creation. The secret is unchanged (see rotate-secret). enabled=true re-enables a webhook that was disabled automatically.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:int}", Delete).WithName("DeleteWebhook").WithSummary("Delete a webhook and its delivery log")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:int}/rotate-secret", RotateSecret).WithName("RotateWebhookSecret").WithSummary("Replace the signing secret")
            .WithDescription("The new secret is shown once; requests are signed with it from now on (retries included).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:int}/ping", Ping).WithName("PingWebhook").WithSummary("Send a ping event now")
            .WithDescription("Queues a signed `ping` event ({ id, type: \"ping\", occurredAt, actor, data: { webhookId } }) for immediate delivery; see its attempt in /deliveries.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:int}/deliveries", Deliveries).WithName("ListWebhookDeliveries").WithSummary("The delivery log, newest first")
            .WithDescription("One item per attempt, with the status the receiver answered (null when it did not), how long it took, the error and when it is tried next.")
            .WithSortValues(DeliverySorts).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:int}/deliveries/{deliveryId:int}/redeliver", Redeliver).WithName("RedeliverWebhookEvent")
            .WithSummary("Send a delivered or failed event again now")
            .WithDescription("Queues the event of this attempt again, with the same webhook-id (receivers that de-duplicate by it ignore it), and a fresh retry schedule.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<Paged<WebhookResponse>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, CmsDbContext db, Pager pager, HttpContext http, CancellationToken cancellationToken)
    {
        var parsed = pager.Parse(http.Request, paging, Sorts);
        if (parsed.Request is not { } request)
        {
            return Problems.Invalid(parsed.Errors);
        }

        var page = await pager.PageAsync(http, db.Webhooks, request, (Expression<Func<Webhook, Webhook>>)(w => w), cancellationToken);
        var baseUrl = BaseUrl(http);
        return TypedResults.Ok(new Paged<WebhookResponse>(page.Items.Select(w => ToResponse(w, baseUrl)).ToList(), page.Page, page.Links));
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Get(int id, CmsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, cancellationToken) is { } webhook
            ? TypedResults.Ok(ToResponse(webhook, BaseUrl(http)))
            : NotFound(id);

    public static async Task<Results<Created<CreatedWebhook>, ValidationProblem>> Create(
        WebhookRequest request, CmsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var webhook = new Webhook { Url = request.Url, Secret = WebhookSignature.NewSecret(), CreatedAt = now, UpdatedAt = now };
        Apply(webhook, request);
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        var r = ToResponse(webhook, BaseUrl(http));
        return TypedResults.Created(r.Links.Self, new CreatedWebhook(r.Id, r.Url, r.Events, r.Description, r.Enabled, r.DisabledReason, r.CreatedAt, r.UpdatedAt, webhook.Secret, r.Links));
    }

    public static async Task<Results<Ok<WebhookResponse>, ValidationProblem, ProblemHttpResult>> Update(
        int id, WebhookRequest request, CmsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var webhook = await db.Webhooks.AsTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (webhook is null)
        {
            return NotFound(id);
        }

        Apply(webhook, request);
        webhook.UpdatedAt = time.UtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(webhook, BaseUrl(http)));
    }

    // Tracked writes (not ExecuteDelete/ExecuteUpdate) so the save writes the audit entry in the same transaction.
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, CmsDbContext db, CancellationToken cancellationToken)
    {
        var webhook = await db.Webhooks.AsTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (webhook is null)
        {
            return NotFound(id);
        }

        // Its messages and delivery log go with it (ON DELETE CASCADE).
        db.Webhooks.Remove(webhook);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookSecret>, ProblemHttpResult>> RotateSecret(int id, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var webhook = await db.Webhooks.AsTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (webhook is null)
        {
            return NotFound(id);
        }

        webhook.Secret = WebhookSignature.NewSecret();
        webhook.UpdatedAt = time.UtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new WebhookSecret(webhook.Secret));
    }

    public static async Task<Results<Accepted<QueuedMessage>, ProblemHttpResult>> Ping(int id, CmsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        var now = time.UtcNow();
        var eventId = Guid.CreateVersion7();
        var actor = Actor.Of(http);
        var data = System.Text.Json.JsonSerializer.SerializeToElement(new { webhookId = id });
        var message = WebhookOutbox.NewMessage(id, eventId, ContentEventTypes.Ping, WebhookOutbox.Body(new WebhookEventBody(eventId, null, ContentEventTypes.Ping, now, actor, data)), now);
        db.WebhookMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        CmsDbContext.NotifyContentCommitted();
        return TypedResults.Accepted(BaseUrl(http) + id + "/deliveries", new QueuedMessage(WebhookSignature.MessageId(message.Id)));
    }

    public static async Task<Results<Ok<Paged<WebhookDeliveryResponse>>, ValidationProblem, ProblemHttpResult>> Deliveries(
        int id, [AsParameters] PageQuery paging, CmsDbContext db, Pager pager, HttpContext http, CancellationToken cancellationToken)
    {
        var parsed = pager.Parse(http.Request, paging, DeliverySorts);
        if (parsed.Request is not { } request)
        {
            return Problems.Invalid(parsed.Errors);
        }

        if (!await db.Webhooks.AnyAsync(w => w.Id == id, cancellationToken))
        {
            return NotFound(id);
        }

        var page = await pager.PageAsync(http, db.WebhookDeliveries.Where(d => d.WebhookId == id), request, (Expression<Func<WebhookDelivery, WebhookDelivery>>)(d => d), cancellationToken);
        var items = page.Items.Select(d => new WebhookDeliveryResponse(d.Id, d.EventId, d.EventType, WebhookSignature.MessageId(d.MessageId), d.Attempt,
            d.AttemptedAt, d.StatusCode, d.DurationMs, d.Error, d.NextAttemptAt, d.RequestBody, d.ResponseBody)).ToList();
        return TypedResults.Ok(new Paged<WebhookDeliveryResponse>(items, page.Page, page.Links));
    }

    public static async Task<Results<Accepted<QueuedMessage>, ProblemHttpResult>> Redeliver(
        int id, int deliveryId, CmsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var messageId = await db.WebhookDeliveries.Where(d => d.Id == deliveryId && d.WebhookId == id).Select(d => (Guid?)d.MessageId).FirstOrDefaultAsync(cancellationToken);
        var now = time.UtcNow();
        var queued = messageId is null ? 0 : await db.WebhookMessages.Where(m => m.Id == messageId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, WebhookMessageState.Pending).SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.CreatedAt, now).SetProperty(m => m.Attempts, 0).SetProperty(m => m.ClaimToken, (Guid?)null), cancellationToken);
        if (queued == 0)
        {
            return Problems.NotFound($"Webhook {id} has no delivery {deliveryId} (or its event is past the retention).");
        }

        CmsDbContext.NotifyContentCommitted();
        return TypedResults.Accepted(BaseUrl(http) + id + "/deliveries", new QueuedMessage(WebhookSignature.MessageId(messageId!.Value)));
    }

    private static void Apply(Webhook webhook, WebhookRequest request)
    {
        webhook.Url = request.Url;
        webhook.Events = string.Join(',', (request.Events ?? []).Distinct(StringComparer.Ordinal));
        webhook.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        var enabled = request.Enabled ?? true;
        if (enabled && !webhook.Enabled)
        {
            webhook.FailingSince = null;
        }

        webhook.Enabled = enabled;
        webhook.DisabledReason = enabled ? null : webhook.DisabledReason;
    }

    private static WebhookResponse ToResponse(Webhook w, string baseUrl) => new(w.Id, w.Url,
        w.Events.Length == 0 ? [] : w.Events.Split(','), w.Description, w.Enabled, w.DisabledReason, w.CreatedAt, w.UpdatedAt, new SelfLink(baseUrl + w.Id));

    private static string BaseUrl(HttpContext http) =>
        UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase).TrimEnd('/') + "/api/v1/manage/webhooks/";

    private static ProblemHttpResult NotFound(int id) => Problems.NotFound($"There is no webhook with id {id}.");
}

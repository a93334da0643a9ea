using FluentValidation;
using HeadlessCms.Api.Events;
using HeadlessCms.Api.Infrastructure.Paging;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Webhooks;

/// <param name="Url">Where events are POSTed: https and a public address (unless Cms:Webhooks:AllowPrivateNetworks).</param>
/// <param name="Events">Event types to send (e.g. article.published); omitted or empty: every type.</param>
/// <param name="Description">What the receiver is, up to 500 characters.</param>
/// <param name="Enabled">Default true. Setting it to true again re-enables an automatically disabled webhook.</param>
public sealed record WebhookRequest(string Url, string[]? Events, string? Description, bool? Enabled);

/// <param name="Id">The webhook's id.</param>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="Events">Event types sent; empty: every type.</param>
/// <param name="Description">What the receiver is.</param>
/// <param name="Enabled">False when disabled by hand or automatically.</param>
/// <param name="DisabledReason">Why it was disabled automatically (after 24 h of failed deliveries), else null.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="UpdatedAt">When its settings or secret last changed.</param>
/// <param name="Links">Its URL.</param>
public sealed record WebhookResponse(int Id, string Url, IReadOnlyList<string> Events, string? Description, bool Enabled,
    string? DisabledReason, DateTime CreatedAt, DateTime UpdatedAt, SelfLink Links);

/// <summary>Returned at creation only: <c>secret</c> is shown now and never again (rotate it to get a new one).</summary>
public sealed record CreatedWebhook(int Id, string Url, IReadOnlyList<string> Events, string? Description, bool Enabled,
    string? DisabledReason, DateTime CreatedAt, DateTime UpdatedAt, string Secret, SelfLink Links);

/// <param name="Secret">The new signing secret (whsec_ + base64 of 32 bytes); the old one stops signing at once.</param>
public sealed record WebhookSecret(string Secret);

/// <param name="WebhookId">The webhook-id header the ping is sent with.</param>
public sealed record QueuedMessage(string WebhookId);

/// <summary>One attempt to deliver one event.</summary>
/// <param name="Id">The attempt; pass it to redeliver.</param>
/// <param name="EventId">The event's id (the body's id).</param>
/// <param name="EventType">The event's type.</param>
/// <param name="WebhookId">The webhook-id header: the same on every attempt of one event.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry, ...</param>
/// <param name="AttemptedAt">When it was sent.</param>
/// <param name="StatusCode">The receiver's status; null when there was no answer.</param>
/// <param name="DurationMs">How long the attempt took.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="NextAttemptAt">When it is tried again after this attempt; null after a success or the last try.</param>
/// <param name="RequestBody">The JSON sent (the signature is never kept).</param>
/// <param name="ResponseBody">The start of the receiver's answer.</param>
public sealed record WebhookDeliveryResponse(int Id, Guid EventId, string EventType, string WebhookId, int Attempt, DateTime AttemptedAt,
    int? StatusCode, int DurationMs, string? Error, DateTime? NextAttemptAt, string RequestBody, string? ResponseBody);

public sealed class WebhookRequestValidator : AbstractValidator<WebhookRequest>
{
    public WebhookRequestValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(r => r.Url).Cascade(CascadeMode.Stop)
            .Must(u => u is { Length: > 0 and <= 2048 } && Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Host.Length > 0 && string.IsNullOrEmpty(uri.UserInfo))
            .WithMessage("Url must be an absolute http(s) URL without user information, at most 2048 characters.")
            .CustomAsync(async (u, context, ct) =>
            {
                if (await AddressGuard.CheckUrlAsync(new Uri(u), options.Value.AllowPrivateNetworks, ct) is { } refused)
                {
                    context.AddFailure(refused);
                }
            });
        RuleForEach(r => r.Events).Must(e => ContentEventTypes.All.Contains(e))
            .WithMessage((_, e) => $"Unknown event type '{(e is { Length: > 40 } ? e[..40] : e)}'. Allowed: {string.Join(", ", ContentEventTypes.All)}.");
        RuleFor(r => r.Description).MaximumLength(500).WithMessage("Description must be at most 500 characters.");
    }
}

using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Webhooks;

/// <summary>
/// The requests the API sends to receivers, as an OpenAPI 3.1 <c>webhooks</c> entry: the event body and the Standard
/// Webhooks headers, so receivers can generate types and validate what they get like any other client.
/// </summary>
internal sealed class WebhookEventsDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var body = context.SchemaGenerator.GenerateSchema(typeof(WebhookEventBody), context.SchemaRepository);
        var operation = new OpenApiOperation
        {
            OperationId = "ReceiveContentEvent",
            Summary = "A content event (or a ping), POSTed to each registered webhook",
            Description = WebhookDocs.Requests,
            Tags = new HashSet<OpenApiTagReference> { new("Webhooks (admin)", document) },
            Security = [],
            Parameters =
            [
                Header("webhook-id", "The message id (msg_...): the same on every retry of one event; de-duplicate on it."),
                Header("webhook-timestamp", "Unix seconds when this attempt was sent; reject ones far from now (e.g. 5 minutes)."),
                Header("webhook-signature", "v1, + base64(HMAC-SHA256(secret bytes, \"{webhook-id}.{webhook-timestamp}.{body}\"))."),
            ],
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = body } },
            },
            Responses = new OpenApiResponses
            {
                ["2XX"] = new OpenApiResponse { Description = "Received: the message is delivered and not sent again." },
                ["default"] = new OpenApiResponse { Description = "Any other status, a timeout or no answer: the message is retried on the schedule." },
            },
        };
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        document.Webhooks["contentEvent"] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation } };
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}

using System.Text.Json;
using FluentValidation;

namespace HeadlessCms.Api.Infrastructure;

public static class ValidationFilter
{
    /// <summary>Field names in validation errors match the JSON the client sent (camelCase).</summary>
    public static void UseCamelCaseFieldNames() =>
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);

    /// <summary>Runs the FluentValidation validator of every request-record argument before the handler.</summary>
    public static TBuilder WithValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var validated = context.MethodInfo.GetParameters()
                .Select((parameter, index) => (Index: index, Validator: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
                .Where(p => context.ApplicationServices.GetService(p.Validator) is not null)
                .ToArray();
            if (validated.Length == 0)
            {
                return next;
            }

            return async invocation =>
            {
                foreach (var (index, validatorType) in validated)
                {
                    if (invocation.Arguments[index] is { } argument
                        && invocation.HttpContext.RequestServices.GetService(validatorType) is IValidator validator)
                    {
                        var result = await validator.ValidateAsync(new ValidationContext<object>(argument), invocation.HttpContext.RequestAborted);
                        if (!result.IsValid)
                        {
                            return TypedResults.ValidationProblem(result.ToDictionary(), detail: "One or more fields are invalid; see errors.");
                        }
                    }
                }

                return await next(invocation);
            };
        });
        return builder;
    }
}

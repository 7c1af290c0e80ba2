using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Api;

/// <summary>What the OpenAPI document says beyond the endpoints themselves: the key, the headers, the peildatum, examples.</summary>
public static class ApiDocument
{
    public const string SecurityScheme = "bearer";

    public static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Voortgangsdashboard API",
            Version = "v1",
            Description = "Lezen van plannen, speerpunten, indicatoren en bijpraatsessies, en metingen en statusupdates aanleveren vanuit andere systemen. " +
                "Elke aanvraag met `Authorization: Bearer <API-sleutel>` (te maken door een beheerder op /beheer of met `create-token`). " +
                "JSON in camelCase, datums als yyyy-MM-dd, getallen met een punt; fouten als problem details (RFC 9457) met een Nederlandse uitleg per veld.",
        };
        // A server's address as the request saw it, without the trailing slash (the paths begin with one).
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= "Plannen, speerpunten, indicatoren, bijpraatsessies en vastgestelde rapportages lezen; metingen, statusupdates en afgeronde mijlpalen aanleveren.";
        }
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Een API-sleutel (vd_…) met de scopes read, measurements en/of status.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
        return Task.CompletedTask;
    }

    public static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name == Peildatum.Name)
            {
                parameter.Description = "De dag waarop de stand getoond wordt (yyyy-MM-dd), zoals op de pagina's; zonder: vandaag (of het einde van het plan).";
                parameter.Example = JsonValue.Create("2023-03-31");
                // Bound by its TryParse from the query string: a date as text, not the type's fields.
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" };
            }
            else if (parameter.In == ParameterLocation.Path && parameter.Schema is OpenApiSchema { Type: { } type } id && type.HasFlag(JsonSchemaType.Integer))
            {
                // A route value is a number in the address; "or a string" is what JSON reading would allow, not the route.
                id.Type = JsonSchemaType.Integer;
            }
        }
        foreach (var header in metadata.OfType<ApiHeader>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        if (metadata.OfType<ApiExample>().FirstOrDefault() is { } example)
        {
            if (example.Request is { } request && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
            {
                body.Example = JsonSerializer.SerializeToNode(request, request.GetType(), ApiProblems.Json);
            }
            if (example.Response is { } response && operation.Responses is { } responses)
            {
                foreach (var (code, answer) in responses)
                {
                    if (code.StartsWith('2') && answer.Content?.TryGetValue("application/json", out var content) == true)
                    {
                        content.Example = JsonSerializer.SerializeToNode(response, response.GetType(), ApiProblems.Json);
                    }
                }
            }
        }
        return Task.CompletedTask;
    }
}

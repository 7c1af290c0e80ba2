using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Dashboard.Api;

/// <summary>
/// RFC 9457 problem documents (application/problem+json) with a Dutch title and detail from the resources and,
/// for bad input, an <c>errors</c> object with a message per field (named as in the JSON).
/// </summary>
public sealed class ApiProblems(IStringLocalizer<SharedResource> L)
{
    public const string ContentType = "application/problem+json";

    public static readonly JsonSerializerOptions Json = CreateJson();

    public static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(json);
        return json;
    }

    /// <summary>camelCase, enums as camelCase words, dates as yyyy-MM-dd (DateOnly), numbers as JSON numbers (with a dot).</summary>
    public static void Configure(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        json.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Served as application/json only, never inside HTML: readable quotes and accents.
        json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }

    public ProblemDetails Create(int status, string detailKey, object[]? args = null, IReadOnlyDictionary<string, string>? errors = null,
        string? detail = null)
    {
        var problem = new ProblemDetails
        {
            Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
            Status = status,
            Title = L[$"Api.Problem.Status{status}"],
            Detail = detail ?? L[detailKey, args ?? []],
        };
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors.ToDictionary(e => CamelCase(e.Key), e => new[] { e.Value });
        }
        return problem;
    }

    public IResult Result(int status, string detailKey, object[]? args = null, IReadOnlyDictionary<string, string>? errors = null, string? detail = null) =>
        Results.Json(Create(status, detailKey, args, errors, detail), Json, ContentType, status);

    public Task WriteAsync(HttpContext http, int status, string detailKey, object[]? args = null, IReadOnlyDictionary<string, string>? errors = null,
        string? detail = null)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(Create(status, detailKey, args, errors, detail), Json, ContentType, http.RequestAborted);
    }

    public string Text(string key, object[]? args = null) => L[key, args ?? []];

    /// <summary>The field's Dutch label (Field.Date: "Datum"), for a message about a JSON property or parameter.</summary>
    public string Label(string field) => L[$"Field.{PascalCase(field)}"] is { ResourceNotFound: false } label ? label : field;

    public static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    public static string PascalCase(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}

using System.Reflection;
using Dashboard.Api;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.ApiTests.Support;

/// <summary>One address of the app to send input to: its route, the query parameters and headers it reads, the JSON body it accepts.</summary>
public sealed record Target(string Method, RoutePattern Route, IReadOnlyList<string> Query, IReadOnlyList<string> Headers, Type? Body, object? ExampleBody,
    string Source)
{
    public string Name => $"{Method} {Route.RawText}";

    /// <summary>The path with each route value from <paramref name="value"/> (already escaped).</summary>
    public string Path(Func<RoutePatternParameterPart, string> value) =>
        "/" + string.Join('/', Route.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternSeparatorPart s => s.Content,
            RoutePatternParameterPart p => value(p),
            _ => throw new InvalidOperationException(part.ToString()),
        }))));
}

/// <summary>
/// Every address of the running app, read from the app itself: its endpoints with their route patterns and bound
/// parameters, and the router's pages with their [SupplyParameterFromQuery] properties. A new page or endpoint is in it
/// without being named anywhere.
/// </summary>
public static class AppSurface
{
    public static IReadOnlyList<Target> Pages() => typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => new Target("GET", RoutePatternFactory.Parse(r.Template),
            t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is { } q ? q.Name ?? p.Name : null)
                .OfType<string>().ToList(),
            [], null, null, t.Name)))
        .OrderBy(t => t.Route.RawText, StringComparer.Ordinal)
        .ToList();

    /// <summary>The endpoints that are not pages: minimal APIs, the hub, the API reference; not the static files, which take no input.</summary>
    public static IReadOnlyList<Target> Endpoints(IServiceProvider services)
    {
        // The sign-in cookie's handler reads ?ReturnUrl= on its sign-in and sign-out paths by itself.
        var cookie = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        List<string> QueryWithReturnUrl(RouteEndpoint e) =>
            [.. QueryOf(e), .. new[] { cookie.LoginPath, cookie.LogoutPath }.Any(p => string.Equals(p.Value, e.RoutePattern.RawText, StringComparison.OrdinalIgnoreCase))
                ? [cookie.ReturnUrlParameter]
                : Array.Empty<string>()];
        return RouteEndpoints(services)
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null && !IsStaticFile(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(m => m is not ("HEAD" or "OPTIONS"))
                .Select(m => new Target(m, e.RoutePattern, QueryWithReturnUrl(e), e.Metadata.OfType<ApiHeader>().Select(h => h.Name).ToList(),
                    e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, e.Metadata.GetMetadata<ApiExample>()?.Request,
                    e.DisplayName ?? e.RoutePattern.RawText ?? "")))
            .OrderBy(t => t.Route.RawText, StringComparer.Ordinal).ThenBy(t => t.Method, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The templates of the pages' endpoints, to compare with the router's @page routes.</summary>
    public static IReadOnlySet<string> PageEndpointTemplates(IServiceProvider services) => RouteEndpoints(services)
        .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        .Select(e => e.RoutePattern.RawText!)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<RouteEndpoint> RouteEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static bool IsStaticFile(RouteEndpoint e) =>
        e.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor")
        || e.Metadata.GetMetadata<IParameterBindingMetadata>() is null && e.RoutePattern.Parameters.Count == 0
            && e.RoutePattern.RawText?.Contains('.') == true;

    /// <summary>The parameters an endpoint binds from the query: named so, or a plain value that is not a route value.</summary>
    private static List<string> QueryOf(RouteEndpoint e) => e.Metadata.OfType<IParameterBindingMetadata>()
        .Select(p => (p, info: p.ParameterInfo, type: Nullable.GetUnderlyingType(p.ParameterInfo.ParameterType) ?? p.ParameterInfo.ParameterType))
        .Select(x => x.info.GetCustomAttributes().OfType<IFromQueryMetadata>().FirstOrDefault() is { } q
            ? q.Name ?? x.p.Name
            : x.info.GetCustomAttributes().Any(a => a is IFromRouteMetadata or IFromServiceMetadata or IFromBodyMetadata or IFromHeaderMetadata or IFromFormMetadata)
              || e.RoutePattern.GetParameter(x.p.Name) is not null
              || !(x.type == typeof(string) || x.p.HasTryParse)
                ? null
                : x.p.Name)
        .OfType<string>()
        .Distinct()
        .ToList();
}

using System.Text;
using Dashboard.Components.Mail;
using Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Mail;

/// <summary>A message's HTML through a Razor component (HtmlRenderer escapes every stored text), and its plain text.</summary>
public sealed class MailRenderer(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public sealed record Rendered(string Html, string Text);

    public async Task<Rendered> RenderAsync(MailContent content)
    {
        // A scope of its own: the renderer's services are scoped, as in a request.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            using var _ = MailCulture.Use(content.Language);
            var output = await renderer.RenderComponentAsync<MailDocument>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MailDocument.Content)] = content,
            }));
            return output.ToHtmlString();
        });
        return new Rendered("<!DOCTYPE html>\n" + html, Text(content));
    }

    /// <summary>The same content as plain text: headings underlined, items as a list, each link written out.</summary>
    public static string Text(MailContent c)
    {
        var text = new StringBuilder();
        text.AppendLine(c.Heading).AppendLine(new string('=', Math.Min(c.Heading.Length, 72))).AppendLine();
        if (c.IsDemo)
        {
            text.AppendLine($"*** {c.DemoNotice} ***").AppendLine();
        }
        foreach (var paragraph in c.Intro)
        {
            text.AppendLine(paragraph).AppendLine();
        }
        foreach (var section in c.Sections)
        {
            text.AppendLine(section.Heading).AppendLine(new string('-', Math.Min(section.Heading.Length, 72)));
            foreach (var item in section.Items)
            {
                text.AppendLine($"* {item.Title}");
                if (item.StatusText is { } status)
                {
                    text.AppendLine($"  {status}");
                }
                foreach (var line in item.Lines)
                {
                    text.AppendLine(line.Label is null ? $"  {line.Text}" : $"  {line.Label}: {line.Text}");
                }
                text.AppendLine($"  {item.Url}");
            }
            text.AppendLine();
        }
        foreach (var link in c.Links)
        {
            text.AppendLine($"{link.Text}: {link.Url}");
        }
        text.AppendLine().AppendLine("-- ").AppendLine(c.Reason);
        text.AppendLine($"{c.Preferences.Text}: {c.Preferences.Url}");
        if (c.Unsubscribe is { } unsubscribe)
        {
            text.AppendLine($"{unsubscribe.Text}: {unsubscribe.Url}");
        }
        return text.ToString();
    }
}

using Dashboard.Components;
using Dashboard.Extensions;

var builder = WebApplication.CreateBuilder(args);
// Static web assets from the root wwwroot/ also outside Development (see stack.md).
builder.WebHost.UseStaticWebAssets();
builder.AddDashboard();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization(Cultures.Options());
app.UseAntiforgery();

app.MapStaticAssets();
app.MapCultureSwitch();
app.MapBriefPdf();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

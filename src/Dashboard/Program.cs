using Dashboard.Api;
using Dashboard.Briefings;
using Dashboard.Cli;
using Dashboard.Components;
using Dashboard.Components.Account;
using Dashboard.Data;
using Dashboard.Hosting;
using Dashboard.Mail;
using Dashboard.Oidc;
using Dashboard.Reports;
using Dashboard.Security;

// create-admin, backup, restore, export, import, plans, mail-test, send-due, help: do the job and exit, without starting the web server.
// A first word that is not a verb is refused (exit code 2); options and key=value pairs start the server.
if (DashboardCommands.IsCommand(args))
{
    return await DashboardCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
// Static web assets from the root wwwroot/ also outside Development (without it _content/* and _framework/* answer 500 there).
builder.WebHost.UseStaticWebAssets();
builder.AddDashboard();

var app = builder.Build();

app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization(Cultures.Options());
app.UseApi();
app.UseSignIn();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapCultureSwitch();
app.MapAccountEndpoints();
app.MapOidcEndpoints();
app.MapDashboardHealth();
app.MapAdminEndpoints();
app.MapBriefPdf();
app.MapQuestionExport();
app.MapReportPdf();
app.MapDashboardApi();
app.MapDashboardApiDocs();
app.MapMailEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

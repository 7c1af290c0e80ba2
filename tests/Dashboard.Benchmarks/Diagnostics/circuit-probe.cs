#:project ../Dashboard.Benchmarks.csproj
// What one headless circuit on a page costs the browser side (FINDINGS-memory.md): render batches and bytes until
// the page is interactive, and the JS calls the page makes, per circuit. Against a running server, e.g.
//   dotnet tests/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks.dll serve dashboard --port 55811 --db /tmp/p.db --seed true
//   dotnet run tests/Dashboard.Benchmarks/Diagnostics/circuit-probe.cs -- http://127.0.0.1:55811/ 20
using System.Globalization;
using Dashboard.Benchmarks.Client;

var page = new Uri(args[0]);
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
using var http = new HttpClient();
var circuits = new List<HeadlessCircuit>();
HeadlessCircuit.JsCallsByIdentifier.Clear();
for (var i = 0; i < count; i++)
{
    circuits.Add(await HeadlessCircuit.OpenAsync(http, page, TimeSpan.FromSeconds(60)));
}
await Task.Delay(3000); // what the page does after its first render (OnAfterRender, JS calls) arrives too
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{count} circuits: {circuits.Average(c => c.RenderBatches):F1} render batches and {circuits.Average(c => c.RenderBytes):F0} bytes per circuit until idle; page HTML {circuits.Average(c => c.PageBytes):F0} characters"));
foreach (var (identifier, calls) in HeadlessCircuit.JsCallsByIdentifier.OrderByDescending(kv => kv.Value))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {identifier}: {calls / (double)count:F1} per circuit"));
}
foreach (var circuit in circuits)
{
    await circuit.DisposeAsync();
}

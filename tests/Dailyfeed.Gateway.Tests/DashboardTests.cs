using System.Net;
using System.Text.Json;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>The embedded default serves the Orleans Dashboard at /dashboard, showing its one silo.</summary>
public sealed class DashboardTests(EmbeddedGatewayFactory factory) : IClassFixture<EmbeddedGatewayFactory>
{
    [Fact]
    public async Task The_dashboard_page_is_served_at_its_documented_path()
    {
        using var client = factory.CreateClient();

        using var page = await client.GetAsync("/dashboard/");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain("<title>Orleans Dashboard</title>");
    }

    // The dashboard grain gathers counters on a timer (every second by default), so the first answer may be empty.
    private static readonly TimeSpan CountersLimit = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CountersPoll = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task The_dashboard_counts_the_embedded_silo_as_the_one_active_host()
    {
        using var client = factory.CreateClient();
        var deadline = DateTime.UtcNow + CountersLimit;
        int hosts;
        do
        {
            using var counters = JsonDocument.Parse(await client.GetStringAsync("/dashboard/DashboardCounters"));
            hosts = counters.RootElement.GetProperty("totalActiveHostCount").GetInt32();
            if (hosts == 0)
            {
                await Task.Delay(CountersPoll);
            }
        }
        while (hosts == 0 && DateTime.UtcNow < deadline);

        hosts.ShouldBe(1);
    }
}

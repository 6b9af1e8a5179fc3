using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>In cluster mode the Orleans Dashboard is off unless enabled, and then only for its administrator.</summary>
public sealed class DashboardAccessTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    private const string User = "operator";
    private const string Password = "a-long-dashboard-secret";

    [Fact]
    public async Task A_gateway_without_the_dashboard_enabled_does_not_serve_it()
    {
        using var client = cluster.Gateway.CreateClient();

        var body = await client.GetStringAsync("/dashboard/");

        body.ShouldNotContain("Orleans Dashboard", Case.Sensitive, "the path falls through to the web client's page");
    }

    [Fact]
    public async Task An_enabled_dashboard_answers_only_its_administrator()
    {
        await using var gateway = new GatewayFactory(cluster, new Dictionary<string, string?>
        {
            ["Dailyfeed:Dashboard:Enabled"] = "true",
            ["Dailyfeed:Dashboard:AdministratorUser"] = User,
            ["Dailyfeed:Dashboard:AdministratorPassword"] = Password,
        });
        using var client = gateway.CreateClient();

        using var anonymous = await client.GetAsync("/dashboard/");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Basic");

        using var wrong = await SendAsync(client, User, "not-the-secret");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var administrator = await SendAsync(client, User, Password);
        administrator.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await administrator.Content.ReadAsStringAsync()).ShouldContain("<title>Orleans Dashboard</title>");
    }

    [Fact]
    public void An_enabled_dashboard_without_an_administrator_refuses_to_start()
    {
        using var gateway = new GatewayFactory(cluster, new Dictionary<string, string?> { ["Dailyfeed:Dashboard:Enabled"] = "true" });

        var failure = Should.Throw<InvalidOperationException>(() => gateway.CreateClient());

        failure.Message.ShouldContain("AdministratorPassword");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client.SendAsync(request);
    }
}

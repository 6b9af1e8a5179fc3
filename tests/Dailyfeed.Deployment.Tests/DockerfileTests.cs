using Shouldly;

namespace Dailyfeed.Deployment.Tests;

public sealed class DockerfileTests
{
    [Theory]
    [InlineData("Silo", "Dailyfeed.Silo")]
    [InlineData("Gateway.Api", "Dailyfeed.Gateway.Api")]
    [InlineData("Batch", "Dailyfeed.Batch")]
    public void Each_host_image_is_multi_stage_non_root_and_runs_its_own_assembly(string host, string assembly)
    {
        var lines = File.ReadAllLines(Repository.PathOf($"{host}/Dockerfile"));

        lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ShouldBe(2, "build and runtime stages");
        lines.ShouldContain(l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal) && l.Contains($"{host}/{assembly}.csproj"));
        File.Exists(Repository.PathOf($"{host}/{assembly}.csproj")).ShouldBeTrue();
        lines.ShouldContain("USER $APP_UID");
        lines.Last(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)).ShouldContain($"{assembly}.dll");
    }

    [Theory]
    [InlineData("Silo", "8081")]
    [InlineData("Gateway.Api", "8080")]
    public void Http_hosts_check_their_own_readiness(string host, string port)
    {
        var dockerfile = File.ReadAllText(Repository.PathOf($"{host}/Dockerfile"));

        dockerfile.ShouldContain("HEALTHCHECK");
        dockerfile.ShouldContain($"http://127.0.0.1:{port}/healthcheck/ready");
        dockerfile.ShouldContain($"EXPOSE {port}");
    }
}

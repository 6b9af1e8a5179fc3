using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dailyfeed.Streams.Tests;

/// <summary>A gateway in cluster-client mode on the stream cluster's schema.</summary>
internal sealed class StreamGateway(StreamCluster cluster) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Dailyfeed:Gateway:Mode", "Cluster");
        builder.UseSetting("Dailyfeed:PostgreSql:ConnectionString", StreamCluster.ConnectionString);
        builder.UseSetting("Dailyfeed:PostgreSql:Schema", cluster.Schema);
        builder.UseSetting("Dailyfeed:Cluster:ClusterId", cluster.ClusterId);
        builder.UseSetting("Dailyfeed:Cluster:ServiceId", cluster.ClusterId);
    }
}

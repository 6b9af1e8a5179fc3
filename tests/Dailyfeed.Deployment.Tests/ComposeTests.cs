using System.Text.RegularExpressions;
using Shouldly;
using YamlDotNet.RepresentationModel;

namespace Dailyfeed.Deployment.Tests;

public sealed partial class ComposeTests
{
    private static readonly YamlMappingNode Services = LoadServices();

    [Fact]
    public void The_compose_file_runs_the_databases_two_silos_per_pool_and_the_gateway()
    {
        Names().ShouldBe(["batch", "gateway", "grafana", "postgres", "prometheus", "rabbitmq", "redis", "silo-read-1", "silo-read-2", "silo-write-1", "silo-write-2"], ignoreOrder: true);
        Silos("write").Count.ShouldBe(2);
        Silos("read").Count.ShouldBe(2);
    }

    [Fact]
    public void Every_long_running_service_has_a_healthcheck_and_waits_for_what_it_needs()
    {
        foreach (var name in Names().Where(n => n is not ("batch" or "prometheus" or "grafana")))
        {
            Effective(name).Children.ContainsKey("healthcheck").ShouldBeTrue($"{name} has a healthcheck");
        }

        foreach (var silo in Silos("write").Concat(Silos("read")))
        {
            DependsOn(silo).ShouldBe(new Dictionary<string, string> { ["postgres"] = "service_healthy", ["rabbitmq"] = "service_healthy" });
        }

        DependsOn("gateway").Keys.ShouldBe(Silos("write").Concat(Silos("read")).Append("redis"), ignoreOrder: true);
        DependsOn("gateway").Values.ShouldAllBe(condition => condition == "service_healthy");
    }

    [Fact]
    public void Silos_advertise_their_service_name_and_the_gateway_is_a_cluster_client()
    {
        foreach (var silo in Silos("write").Concat(Silos("read")))
        {
            Environment(silo)["Dailyfeed__Silo__AdvertisedHost"].ShouldBe(silo);
            Environment(silo)["Dailyfeed__PostgreSql__ConnectionString"].ShouldContain("Host=postgres");
            Environment(silo)["Dailyfeed__RabbitMq__HostName"].ShouldBe("rabbitmq");
        }

        Environment("gateway")["Dailyfeed__Gateway__Mode"].ShouldBe("Cluster");
        ((YamlSequenceNode)Service("gateway")["ports"]).Children.Select(p => p.ToString()).ShouldContain("8080:8080");
    }

    [Fact]
    public void Only_read_silos_take_clients_so_a_read_is_answered_where_it_enters()
    {
        Silos("write").ShouldNotBeEmpty();
        Silos("read").ShouldNotBeEmpty();
        Silos("write").ShouldAllBe(silo => Environment(silo)["Dailyfeed__Silo__AcceptClients"] == "false");
        Silos("read").ShouldAllBe(silo => !Environment(silo).ContainsKey("Dailyfeed__Silo__AcceptClients") || Environment(silo)["Dailyfeed__Silo__AcceptClients"] == "true");
    }

    [Fact]
    public void Silos_open_the_orleans_gateway_port_and_every_host_joins_the_same_cluster()
    {
        var gateway = Environment("gateway");
        gateway["Dailyfeed__Cluster__ClusterId"].ShouldNotBeNullOrWhiteSpace();
        gateway["Dailyfeed__Cluster__ServiceId"].ShouldNotBeNullOrWhiteSpace();
        foreach (var silo in Silos("write").Concat(Silos("read")))
        {
            var environment = Environment(silo);
            environment["Dailyfeed__Silo__GatewayPort"].ShouldBe("30000");
            environment["Dailyfeed__Cluster__ClusterId"].ShouldBe(gateway["Dailyfeed__Cluster__ClusterId"], silo);
            environment["Dailyfeed__Cluster__ServiceId"].ShouldBe(gateway["Dailyfeed__Cluster__ServiceId"], silo);
            // Kubernetes hosting needs the Kubernetes API: compose silos never switch it on.
            environment.Keys.ShouldNotContain("Dailyfeed__Silo__KubernetesHosting");
        }
    }

    [Fact]
    public void The_gateway_shares_its_budgets_through_the_redis_service_and_trusts_no_forwarded_header_by_default()
    {
        Environment("gateway")["Dailyfeed__Redis__Configuration"].ShouldBe("redis:6379");
        ((YamlSequenceNode)((YamlMappingNode)Effective("redis")["healthcheck"])["test"]).Children.Select(c => c.ToString()).ShouldContain("ping");
        // Compose publishes the gateway's port directly: only a proxy the operator names may speak for the client.
        Environment("gateway")["Dailyfeed__ForwardedHeaders__KnownNetworks__0"].ShouldBe("${DAILYFEED_TRUSTED_PROXY_NETWORK:-127.0.0.1/32}");
    }

    [Fact]
    public void Healthchecks_probe_the_ready_endpoint_with_the_host_binary()
    {
        foreach (var name in Silos("write").Concat(Silos("read")).Append("gateway"))
        {
            var test = ((YamlSequenceNode)((YamlMappingNode)Effective(name)["healthcheck"])["test"]).Children.Select(c => c.ToString()).ToList();
            test.ShouldContain("probe");
            test.Last().ShouldEndWith("/healthcheck/ready");
        }
    }

    [Fact]
    public void Every_scale_command_the_compose_file_and_readme_suggest_names_a_service_that_can_run_twice()
    {
        var suggested = new[] { "docker-compose.yml", "README.md" }
            .SelectMany(file => ScaleCommand().Matches(File.ReadAllText(Repository.PathOf(file))).Select(m => m.Groups["service"].Value))
            .Distinct()
            .ToList();

        suggested.ShouldNotBeEmpty("the README tells how a pool scales");
        foreach (var service in suggested)
        {
            Names().ShouldContain(service);
            FixedHostPorts(service).ShouldBeEmpty($"a second {service} could not bind the same host port");
        }
    }

    private static YamlMappingNode LoadServices()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf("docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    private static List<string> Names() => Services.Children.Keys.Select(k => k.ToString()).ToList();

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    /// <summary>The service's environment with the YAML merge keys (&lt;&lt;: *silo-env) applied.</summary>
    private static Dictionary<string, string> Environment(string name)
    {
        var environment = new Dictionary<string, string>();
        Merge((YamlMappingNode)Effective(name)["environment"], environment);
        return environment;
    }

    private static List<string> Silos(string pool) =>
        Names().Where(n => n.StartsWith("silo-", StringComparison.Ordinal) && Environment(n)["Dailyfeed__Silo__Pools__0"] == pool).ToList();

    private static Dictionary<string, string> DependsOn(string name) =>
        ((YamlMappingNode)Effective(name)["depends_on"]).Children.ToDictionary(
            c => c.Key.ToString(), c => ((YamlMappingNode)c.Value)["condition"].ToString());

    /// <summary>A service mapping with its anchors merged (YamlDotNet's representation model keeps "&lt;&lt;" as a key).</summary>
    private static YamlMappingNode Effective(string name)
    {
        var merged = new YamlMappingNode();
        foreach (var (key, value) in Service(name).Children)
        {
            if (key.ToString() == "<<")
            {
                foreach (var (baseKey, baseValue) in ((YamlMappingNode)value).Children)
                {
                    merged.Children.TryAdd(baseKey, baseValue);
                }
            }
            else
            {
                merged.Children[key] = value;
            }
        }

        return merged;
    }

    private static void Merge(YamlMappingNode node, Dictionary<string, string> into)
    {
        foreach (var (key, value) in node.Children)
        {
            if (key.ToString() == "<<")
            {
                Merge((YamlMappingNode)value, into);
            }
            else
            {
                into[key.ToString()] = value.ToString();
            }
        }
    }

    /// <summary>Host ports a service publishes by number ("8080:8080", "127.0.0.1:8080:8080", long syntax "published: 8080").</summary>
    private static List<string> FixedHostPorts(string name)
    {
        if (!Effective(name).Children.TryGetValue("ports", out var ports))
        {
            return [];
        }

        return ((YamlSequenceNode)ports).Children
            .Select(port => port is YamlMappingNode mapping
                ? mapping.Children.TryGetValue("published", out var published) ? published.ToString() : string.Empty
                : port.ToString().Split(':') is { Length: >= 2 } parts ? parts[^2] : string.Empty)
            .Where(host => int.TryParse(host, out _))
            .ToList();
    }

    [GeneratedRegex(@"--scale\s+(?<service>[\w.-]+)=")]
    private static partial Regex ScaleCommand();
}

using Dailyfeed.Deployment.Tests.Helm;
using k8s;
using k8s.Models;
using Shouldly;
using YamlDotNet.RepresentationModel;

namespace Dailyfeed.Deployment.Tests;

/// <summary>The chart rendered with its own defaults (and with the optional parts switched on), checked object by object.</summary>
public sealed class HelmChartTests
{
    private static readonly string Chart = Repository.PathOf("charts/dailyfeed");
    private static readonly IReadOnlyList<RenderedManifest> Defaults = ChartRenderer.Render(Chart);

    private const string Everything = """
        istio: { enabled: true, gateways: [istio-system/public] }
        serviceMonitor: { enabled: true, labels: { release: prometheus } }
        ingress: { enabled: true, className: nginx }
        """;

    [Fact]
    public void Defaults_render_a_deployment_autoscaler_budget_and_service_for_the_gateway_and_each_pool()
    {
        Defaults.Select(m => $"{m.Kind}/{m.Name}").ShouldBe(
        [
            "Deployment/dailyfeed-gateway", "HorizontalPodAutoscaler/dailyfeed-gateway", "PersistentVolumeClaim/dailyfeed-images",
            "PodDisruptionBudget/dailyfeed-gateway", "Service/dailyfeed-gateway", "Secret/dailyfeed-secrets",
            "Deployment/dailyfeed-silo-write", "Deployment/dailyfeed-silo-read", "HorizontalPodAutoscaler/dailyfeed-silo-write",
            "HorizontalPodAutoscaler/dailyfeed-silo-read", "PodDisruptionBudget/dailyfeed-silo-write", "PodDisruptionBudget/dailyfeed-silo-read",
            "Service/dailyfeed-silo-write", "Service/dailyfeed-silo-read", "Deployment/dailyfeed-redis", "Service/dailyfeed-redis",
            "ServiceAccount/dailyfeed-silo", "Role/dailyfeed-silo", "RoleBinding/dailyfeed-silo",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Every_rendered_object_is_a_valid_kubernetes_object_of_its_kind()
    {
        foreach (var manifest in ChartRenderer.Render(Chart, Everything))
        {
            var typed = Typed(manifest);
            typed.ShouldNotBeNull($"{manifest.Template}: {manifest.Kind} is not a known kind");
            if (typed is IMetadata<V1ObjectMeta> withMetadata)
            {
                withMetadata.Metadata.Labels["app.kubernetes.io/part-of"].ShouldBe("dailyfeed", manifest.Name);
            }
        }
    }

    [Fact]
    public void Every_selector_matches_the_labels_of_exactly_the_pods_it_means()
    {
        var deployments = Objects<V1Deployment>(Defaults);
        foreach (var deployment in deployments)
        {
            deployment.Spec.Selector.MatchLabels.ShouldBeSubsetOf(deployment.Spec.Template.Metadata.Labels, deployment.Name());
        }

        foreach (var budget in Objects<V1PodDisruptionBudget>(Defaults))
        {
            deployments.Where(d => Selects(budget.Spec.Selector.MatchLabels, d)).Select(d => d.Name()).ShouldBe([budget.Name()]);
        }

        foreach (var service in Objects<V1Service>(Defaults))
        {
            var selected = deployments.Where(d => Selects(service.Spec.Selector, d)).ToList();
            selected.Select(d => d.Name()).ShouldBe([service.Name()]);
            var containerPorts = selected[0].Spec.Template.Spec.Containers.SelectMany(c => c.Ports).Select(p => p.Name);
            service.Spec.Ports.Select(p => p.TargetPort.Value).ShouldAllBe(port => containerPorts.Contains(port) || port == null);
        }

        foreach (var autoscaler in Objects<V2HorizontalPodAutoscaler>(Defaults))
        {
            autoscaler.Spec.ScaleTargetRef.Kind.ShouldBe("Deployment");
            deployments.Select(d => d.Name()).ShouldContain(autoscaler.Spec.ScaleTargetRef.Name);
        }
    }

    [Theory]
    [InlineData("dailyfeed-gateway", 2, 15, 60, 70, 0)]
    [InlineData("dailyfeed-silo-write", 2, 12, 70, 90, 60)]
    [InlineData("dailyfeed-silo-read", 2, 12, 65, 90, 60)]
    public void Autoscalers_follow_the_original_installers_table(string name, int min, int max, int cpu, int memory, int scaleUpWindow)
    {
        var autoscaler = Objects<V2HorizontalPodAutoscaler>(Defaults).Single(h => h.Name() == name);
        autoscaler.Spec.MinReplicas.ShouldBe(min);
        autoscaler.Spec.MaxReplicas.ShouldBe(max);
        Utilization(autoscaler, "cpu").ShouldBe(cpu);
        Utilization(autoscaler, "memory").ShouldBe(memory);
        autoscaler.Spec.Behavior.ScaleUp.StabilizationWindowSeconds.ShouldBe(scaleUpWindow);
        autoscaler.Spec.Behavior.ScaleDown.StabilizationWindowSeconds.ShouldBe(300, "scale-down is damped against flapping");

        // An autoscaled Deployment leaves replicas to its autoscaler, or every upgrade would reset the pool size.
        Objects<V1Deployment>(Defaults).Single(d => d.Name() == name).Spec.Replicas.ShouldBeNull();
    }

    [Fact]
    public void Every_container_probes_startup_readiness_and_liveness_on_the_health_endpoints_of_a_declared_port()
    {
        foreach (var deployment in DailyfeedHosts(Defaults))
        {
            var container = deployment.Spec.Template.Spec.Containers.ShouldHaveSingleItem();
            var ports = container.Ports.Select(p => p.Name).ToList();
            foreach (var (probe, path) in new[] { (container.StartupProbe, "/healthcheck/startup"), (container.ReadinessProbe, "/healthcheck/ready"), (container.LivenessProbe, "/healthcheck/live") })
            {
                probe.ShouldNotBeNull($"{deployment.Name()} {path}");
                probe.HttpGet.Path.ShouldBe(path);
                ports.ShouldContain(probe.HttpGet.Port.Value);
            }

            deployment.Spec.Template.Spec.SecurityContext.RunAsNonRoot.ShouldBe(true);
            container.SecurityContext.AllowPrivilegeEscalation.ShouldBe(false);
            container.Resources.Requests.Keys.ShouldBe(["cpu", "memory"], ignoreOrder: true);
        }
    }

    [Theory]
    [InlineData("write")]
    [InlineData("read")]
    public void Silos_serve_their_pool_and_advertise_their_pod_ip_for_membership(string pool)
    {
        var deployment = Objects<V1Deployment>(Defaults).Single(d => d.Name() == $"dailyfeed-silo-{pool}");
        var container = deployment.Spec.Template.Spec.Containers[0];
        var env = container.Env.ToDictionary(e => e.Name);

        env["Dailyfeed__Silo__Pools__0"].Value.ShouldBe(pool);
        // Clients enter through read silos only, so a read is answered where it enters (SiloEndpointOptions.AcceptClients).
        env["Dailyfeed__Silo__AcceptClients"].Value.ShouldBe(pool == "read" ? "true" : "false");
        env["POD_IP"].ValueFrom.FieldRef.FieldPath.ShouldBe("status.podIP");
        env["Dailyfeed__Silo__AdvertisedHost"].Value.ShouldBe("$(POD_IP)");
        env["Dailyfeed__Silo__Port"].Value.ShouldBe(container.Ports.Single(p => p.Name == "silo").ContainerPort.ToString());
        env.Keys.ShouldContain("Dailyfeed__RabbitMq__HostName");

        // A leaving silo gets its whole shutdown timeout (drain, write state, deregister) before the kill.
        TimeSpan.Parse(env["Dailyfeed__Silo__ShutdownTimeout"].Value).TotalSeconds
            .ShouldBeLessThan(deployment.Spec.Template.Spec.TerminationGracePeriodSeconds!.Value);
        deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value.ShouldBe("0");
        deployment.Spec.Template.Metadata.Labels["dailyfeed.io/pool"].ShouldBe(pool);
    }

    [Fact]
    public void The_gateway_is_a_cluster_client_with_a_shared_image_volume()
    {
        var gateway = Objects<V1Deployment>(Defaults).Single(d => d.Name() == "dailyfeed-gateway");
        var container = gateway.Spec.Template.Spec.Containers[0];
        var env = container.Env.ToDictionary(e => e.Name);
        env["Dailyfeed__Gateway__Mode"].Value.ShouldBe("Cluster");

        var mount = container.VolumeMounts.Single(m => m.Name == "images");
        env["Dailyfeed__Images__StoragePath"].Value.ShouldBe(mount.MountPath);
        var claim = gateway.Spec.Template.Spec.Volumes.Single(v => v.Name == "images").PersistentVolumeClaim.ClaimName;
        var pvc = Objects<V1PersistentVolumeClaim>(Defaults).Single(p => p.Name() == claim);
        pvc.Spec.AccessModes.ShouldBe(["ReadWriteMany"], "every gateway replica reads and writes the same images");
    }

    [Fact]
    public void Credentials_come_from_a_secret_never_from_plain_environment_values()
    {
        var secret = Objects<V1Secret>(Defaults).ShouldHaveSingleItem();
        foreach (var deployment in DailyfeedHosts(Defaults))
        {
            var env = deployment.Spec.Template.Spec.Containers[0].Env.ToDictionary(e => e.Name);
            var connection = env["Dailyfeed__PostgreSql__ConnectionString"];
            connection.Value.ShouldBeNull();
            connection.ValueFrom.SecretKeyRef.Name.ShouldBe(secret.Name());
            secret.Data.Keys.ShouldContain(connection.ValueFrom.SecretKeyRef.Key);
            env.Values.Where(e => e.Value is not null).ShouldAllBe(e => !e.Value.Contains("Password="), deployment.Name());
        }

        var external = ChartRenderer.Render(Chart, "postgresql: { existingSecret: pg-creds }\nrabbitmq: { existingSecret: mq-creds }");
        Objects<V1Secret>(external).ShouldBeEmpty();
        var silo = Objects<V1Deployment>(external).Single(d => d.Name() == "dailyfeed-silo-write").Spec.Template.Spec.Containers[0].Env.ToDictionary(e => e.Name);
        silo["Dailyfeed__PostgreSql__ConnectionString"].ValueFrom.SecretKeyRef.Name.ShouldBe("pg-creds");
        silo["Dailyfeed__RabbitMq__Password"].ValueFrom.SecretKeyRef.Name.ShouldBe("mq-creds");
    }

    [Fact]
    public void Istio_gets_the_seed_timeouts_and_pool_limits_and_never_retries_a_write_that_reached_the_gateway()
    {
        var manifests = ChartRenderer.Render(Chart, Everything);
        var routes = (YamlSequenceNode)Spec(manifests, "VirtualService")["http"];
        var byName = routes.Children.Cast<YamlMappingNode>().ToDictionary(r => r["name"].ToString());

        byName["reads"]["timeout"].ToString().ShouldBe("10s");
        Retries(byName["reads"])["attempts"].ToString().ShouldBe("5");
        Retries(byName["reads"])["perTryTimeout"].ToString().ShouldBe("3s");
        Retries(byName["reads"])["retryOn"].ToString().ShouldContain("5xx");
        Retries(byName["writes"])["retryOn"].ToString().Split(',').ShouldBe(["connect-failure", "refused-stream"], ignoreOrder: true);
        byName["uploads"]["timeout"].ToString().ShouldBe("30s");
        Retries(byName["uploads"])["perTryTimeout"].ToString().ShouldBe("10s");

        var policy = (YamlMappingNode)Spec(manifests, "DestinationRule")["trafficPolicy"];
        var outlier = (YamlMappingNode)policy["outlierDetection"];
        outlier["consecutive5xxErrors"].ToString().ShouldBe("5");
        outlier["baseEjectionTime"].ToString().ShouldBe("5m");
        outlier["maxEjectionPercent"].ToString().ShouldBe("50");
        ((YamlMappingNode)((YamlMappingNode)policy["connectionPool"])["tcp"])["maxConnections"].ToString().ShouldBe("100");
        Spec(manifests, "DestinationRule")["host"].ToString().ShouldBe("dailyfeed-gateway");

        foreach (var silo in Objects<V1Deployment>(manifests).Where(d => d.Name().Contains("silo")))
        {
            silo.Spec.Template.Metadata.Annotations["traffic.sidecar.istio.io/excludeInboundPorts"].ShouldBe("11111,30000");
            silo.Spec.Template.Metadata.Annotations["traffic.sidecar.istio.io/excludeOutboundPorts"].ShouldBe("11111,30000");
        }

        // The gateway is an Orleans client of the silos' gateway port, which their sidecars do not terminate.
        var gateway = Objects<V1Deployment>(manifests).Single(d => d.Name() == "dailyfeed-gateway");
        gateway.Spec.Template.Metadata.Annotations["traffic.sidecar.istio.io/excludeOutboundPorts"].Split(',').ShouldContain("30000");
    }

    [Fact]
    public void The_service_monitor_scrapes_metrics_of_the_gateway_and_both_pools()
    {
        var manifests = ChartRenderer.Render(Chart, Everything);
        var spec = Spec(manifests, "ServiceMonitor");
        var endpoint = (YamlMappingNode)((YamlSequenceNode)spec["endpoints"]).Children.Single();
        endpoint["path"].ToString().ShouldBe("/metrics");

        var components = ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)spec["selector"])["matchExpressions"]).Children[0])["values"]).Children.Select(c => c.ToString());
        foreach (var service in Objects<V1Service>(manifests).Where(s => s.Name() != "dailyfeed-redis"))
        {
            components.ShouldContain(service.Metadata.Labels["app.kubernetes.io/component"]);
            service.Spec.Ports.Select(p => p.Name).ShouldContain(endpoint["port"].ToString());
        }
    }

    [Fact]
    public void Fixed_replica_counts_apply_when_autoscaling_is_off()
    {
        var manifests = ChartRenderer.Render(Chart, "pools: { read: { replicas: 5, autoscaling: { enabled: false } } }");
        Objects<V1Deployment>(manifests).Single(d => d.Name() == "dailyfeed-silo-read").Spec.Replicas.ShouldBe(5);
        Objects<V2HorizontalPodAutoscaler>(manifests).Select(h => h.Name()).ShouldBe(["dailyfeed-gateway", "dailyfeed-silo-write"], ignoreOrder: true);
    }

    [Fact]
    public void Gateways_share_budgets_through_the_in_chart_redis_and_trust_the_pod_networks_to_name_the_client()
    {
        var env = GatewayEnv(Defaults);
        var redis = Objects<V1Service>(Defaults).Single(s => s.Name() == "dailyfeed-redis");
        env["Dailyfeed__Redis__Configuration"].Value.ShouldBe($"dailyfeed-redis:{redis.Spec.Ports.Single().Port}");
        env.Keys.ShouldNotContain("Dailyfeed__Redis__Password", "the in-chart Redis is reached only inside the cluster");
        env["Dailyfeed__RateLimiting__LeaseSize"].Value.ShouldBe("10");
        env["Dailyfeed__ForwardedHeaders__KnownNetworks__0"].Value.ShouldBe("10.0.0.0/8");
        env["Dailyfeed__ForwardedHeaders__KnownNetworks__2"].Value.ShouldBe("192.168.0.0/16");
        env["Dailyfeed__ForwardedHeaders__ForwardLimit"].Value.ShouldBe("2");
        env.Keys.ShouldNotContain("Dailyfeed__ForwardedHeaders__KnownProxies__0");

        var container = Objects<V1Deployment>(Defaults).Single(d => d.Name() == "dailyfeed-redis").Spec.Template.Spec.Containers.Single();
        container.Ports.Select(p => p.Name).ShouldContain(redis.Spec.Ports.Single().TargetPort.Value);
        container.ReadinessProbe.Exec.Command.ShouldBe(["redis-cli", "ping"]);

        GatewayEnv(ChartRenderer.Render(Chart, Everything))["Dailyfeed__ForwardedHeaders__KnownProxies__0"].Value.ShouldBe("127.0.0.6", "the Istio sidecar");
    }

    [Fact]
    public void An_external_redis_replaces_the_in_chart_one_with_its_password_from_a_secret()
    {
        var external = ChartRenderer.Render(Chart, "redis: { enabled: false, host: redis.cache, port: 6380, existingSecret: redis-creds }");
        external.Select(m => m.Name).ShouldNotContain("dailyfeed-redis");
        var env = GatewayEnv(external);
        env["Dailyfeed__Redis__Configuration"].Value.ShouldBe("redis.cache:6380");
        env["Dailyfeed__Redis__Password"].ValueFrom.SecretKeyRef.Name.ShouldBe("redis-creds");

        var withPassword = ChartRenderer.Render(Chart, "postgresql: { existingSecret: pg }\nrabbitmq: { existingSecret: mq }\nredis: { enabled: false, host: redis.cache, password: s3cret }");
        var secret = Objects<V1Secret>(withPassword).ShouldHaveSingleItem("the password needs the chart's Secret even when the others are external");
        GatewayEnv(withPassword)["Dailyfeed__Redis__Password"].ValueFrom.SecretKeyRef.Name.ShouldBe(secret.Name());
        secret.Data.Keys.ShouldBe(["redis-password"]);

        var none = GatewayEnv(ChartRenderer.Render(Chart, "redis: { enabled: false }"));
        none.Keys.ShouldNotContain("Dailyfeed__Redis__Configuration", "without a Redis each gateway keeps its own budgets");
    }

    private static Dictionary<string, V1EnvVar> GatewayEnv(IEnumerable<RenderedManifest> manifests) =>
        Objects<V1Deployment>(manifests).Single(d => d.Name() == "dailyfeed-gateway").Spec.Template.Spec.Containers[0].Env.ToDictionary(e => e.Name);

    /// <summary>The gateway and the silos: the Deployments running Dailyfeed's own images (not the in-chart Redis).</summary>
    private static IEnumerable<V1Deployment> DailyfeedHosts(IEnumerable<RenderedManifest> manifests) =>
        Objects<V1Deployment>(manifests).Where(d => d.Name() != "dailyfeed-redis");

    private static object? Typed(RenderedManifest manifest) => manifest.Kind switch
    {
        "Deployment" => KubernetesYaml.Deserialize<V1Deployment>(manifest.Yaml, strict: true),
        "Service" => KubernetesYaml.Deserialize<V1Service>(manifest.Yaml, strict: true),
        "HorizontalPodAutoscaler" => KubernetesYaml.Deserialize<V2HorizontalPodAutoscaler>(manifest.Yaml, strict: true),
        "PodDisruptionBudget" => KubernetesYaml.Deserialize<V1PodDisruptionBudget>(manifest.Yaml, strict: true),
        "Secret" => KubernetesYaml.Deserialize<V1Secret>(manifest.Yaml, strict: true),
        "PersistentVolumeClaim" => KubernetesYaml.Deserialize<V1PersistentVolumeClaim>(manifest.Yaml, strict: true),
        "Ingress" => KubernetesYaml.Deserialize<V1Ingress>(manifest.Yaml, strict: true),
        "ServiceAccount" => KubernetesYaml.Deserialize<V1ServiceAccount>(manifest.Yaml, strict: true),
        "Role" => KubernetesYaml.Deserialize<V1Role>(manifest.Yaml, strict: true),
        "RoleBinding" => KubernetesYaml.Deserialize<V1RoleBinding>(manifest.Yaml, strict: true),
        // Custom resources: no typed model here, so check the parts every CRD object needs.
        "VirtualService" or "DestinationRule" or "ServiceMonitor" => manifest.Root.Children.ContainsKey("spec") ? manifest.Root : null,
        _ => null,
    };

    private static List<T> Objects<T>(IEnumerable<RenderedManifest> manifests) =>
        manifests.Select(Typed).OfType<T>().ToList();

    private static bool Selects(IDictionary<string, string> selector, V1Deployment deployment) =>
        selector.All(label => deployment.Spec.Template.Metadata.Labels.TryGetValue(label.Key, out var value) && value == label.Value);

    private static int? Utilization(V2HorizontalPodAutoscaler autoscaler, string resource) =>
        autoscaler.Spec.Metrics.Single(m => m.Resource.Name == resource).Resource.Target.AverageUtilization;

    private static YamlMappingNode Spec(IEnumerable<RenderedManifest> manifests, string kind) =>
        (YamlMappingNode)manifests.Single(m => m.Kind == kind).Root["spec"];

    private static YamlMappingNode Retries(YamlMappingNode route) => (YamlMappingNode)route["retries"];
}

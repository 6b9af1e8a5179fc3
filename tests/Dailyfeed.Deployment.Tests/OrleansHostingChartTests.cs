using Dailyfeed.Deployment.Tests.Helm;
using k8s;
using k8s.Models;
using Shouldly;

namespace Dailyfeed.Deployment.Tests;

/// <summary>
/// The chart's silos on Orleans' Kubernetes hosting: the ids and pod facts it reads from the environment, the RBAC it
/// needs on pods, and the silo and gateway ports on containers and Services.
/// </summary>
public sealed class OrleansHostingChartTests
{
    private static readonly string Chart = Repository.PathOf("charts/dailyfeed");
    private static readonly IReadOnlyList<RenderedManifest> Defaults = ChartRenderer.Render(Chart);
    private static readonly string[] WatchAndLabel = ["get", "list", "watch", "patch"];

    [Fact]
    public void Silo_pods_run_under_a_service_account_bound_to_a_role_that_may_watch_and_label_pods()
    {
        var account = Single<V1ServiceAccount>(Defaults);
        var role = Single<V1Role>(Defaults);
        var binding = Single<V1RoleBinding>(Defaults);

        var rule = role.Rules.ShouldHaveSingleItem();
        rule.ApiGroups.ShouldBe([""]);
        rule.Resources.ShouldBe(["pods"]);
        rule.Verbs.ShouldBe(WatchAndLabel, ignoreOrder: true);

        binding.RoleRef.Kind.ShouldBe("Role");
        binding.RoleRef.Name.ShouldBe(role.Name());
        var subject = binding.Subjects.ShouldHaveSingleItem();
        subject.Kind.ShouldBe("ServiceAccount");
        subject.Name.ShouldBe(account.Name());
        subject.NamespaceProperty.ShouldBe("dailyfeed", "a Role binds accounts of the release's namespace");

        foreach (var silo in Silos(Defaults))
        {
            silo.Spec.Template.Spec.ServiceAccountName.ShouldBe(account.Name(), silo.Name());
        }

        // The gateway is a plain Orleans client: it never talks to the Kubernetes API.
        Deployment(Defaults, "dailyfeed-gateway").Spec.Template.Spec.ServiceAccountName.ShouldBeNull();
    }

    [Fact]
    public void Pods_may_be_deleted_only_when_defunct_silo_pods_are_to_be_deleted()
    {
        Env(Silos(Defaults)[0])["Dailyfeed__Silo__DeleteDefunctSiloPods"].Value.ShouldBe("false");

        var deleting = ChartRenderer.Render(Chart, "silo: { kubernetesHosting: { deleteDefunctSiloPods: true } }");
        Single<V1Role>(deleting).Rules.ShouldHaveSingleItem().Verbs.ShouldBe([.. WatchAndLabel, "delete"], ignoreOrder: true);
        foreach (var silo in Silos(deleting))
        {
            Env(silo)["Dailyfeed__Silo__DeleteDefunctSiloPods"].Value.ShouldBe("true", silo.Name());
        }
    }

    [Fact]
    public void Silos_declare_the_silo_and_gateway_ports_on_the_container_and_the_service()
    {
        foreach (var silo in Silos(Defaults))
        {
            var container = silo.Spec.Template.Spec.Containers.Single();
            var ports = container.Ports.ToDictionary(p => p.Name, p => p.ContainerPort);
            ports["silo"].ShouldBe(11111);
            ports["gateway"].ShouldBe(30000);

            var env = Env(silo);
            env["Dailyfeed__Silo__Port"].Value.ShouldBe("11111");
            env["Dailyfeed__Silo__GatewayPort"].Value.ShouldBe("30000");
            env["Dailyfeed__Silo__ListenAddress"].Value.ShouldBe("0.0.0.0");

            var service = Objects<V1Service>(Defaults).Single(s => s.Name() == silo.Name());
            var servicePorts = service.Spec.Ports.ToDictionary(p => p.Name);
            servicePorts["silo"].Port.ShouldBe(11111);
            servicePorts["silo"].TargetPort.Value.ShouldBe("silo");
            servicePorts["gateway"].Port.ShouldBe(30000);
            servicePorts["gateway"].TargetPort.Value.ShouldBe("gateway");
        }

        var moved = ChartRenderer.Render(Chart, "silo: { grainPort: 12000, gatewayPort: 31000 }");
        var movedSilo = Silos(moved)[0];
        movedSilo.Spec.Template.Spec.Containers.Single().Ports.Single(p => p.Name == "gateway").ContainerPort.ShouldBe(31000);
        Env(movedSilo)["Dailyfeed__Silo__GatewayPort"].Value.ShouldBe("31000");
        Env(movedSilo)["Dailyfeed__Silo__Port"].Value.ShouldBe("12000");
    }

    [Fact]
    public void Silos_get_what_kubernetes_hosting_reads_and_share_the_cluster_ids_with_the_gateway()
    {
        var manifests = ChartRenderer.Render(Chart, "cluster: { clusterId: prod-eu, serviceId: feeds }");
        foreach (var silo in Silos(manifests))
        {
            var env = Env(silo);
            env["Dailyfeed__Silo__KubernetesHosting"].Value.ShouldBe("true");
            env["POD_NAME"].ValueFrom.FieldRef.FieldPath.ShouldBe("metadata.name");
            env["POD_NAMESPACE"].ValueFrom.FieldRef.FieldPath.ShouldBe("metadata.namespace");
            env["POD_IP"].ValueFrom.FieldRef.FieldPath.ShouldBe("status.podIP");
            env["ORLEANS_CLUSTER_ID"].Value.ShouldBe("prod-eu");
            env["ORLEANS_SERVICE_ID"].Value.ShouldBe("feeds");
            env["Dailyfeed__Cluster__ClusterId"].Value.ShouldBe("prod-eu");
            env["Dailyfeed__Cluster__ServiceId"].Value.ShouldBe("feeds");

            var labels = silo.Spec.Template.Metadata.Labels;
            labels["orleans/clusterId"].ShouldBe("prod-eu");
            labels["orleans/serviceId"].ShouldBe("feeds");
            // The selector stays as it was: changing a Deployment's selector would fail every upgrade.
            silo.Spec.Selector.MatchLabels.Keys.ShouldNotContain("orleans/clusterId");
        }

        var gateway = Env(Deployment(manifests, "dailyfeed-gateway"));
        gateway["Dailyfeed__Cluster__ClusterId"].Value.ShouldBe("prod-eu");
        gateway["Dailyfeed__Cluster__ServiceId"].Value.ShouldBe("feeds");
        gateway.Keys.ShouldNotContain("ORLEANS_CLUSTER_ID", "the gateway is a client, not a silo on Kubernetes hosting");
    }

    private static List<V1Deployment> Silos(IEnumerable<RenderedManifest> manifests) =>
        Objects<V1Deployment>(manifests).Where(d => d.Name().StartsWith("dailyfeed-silo-", StringComparison.Ordinal)).ToList();

    private static V1Deployment Deployment(IEnumerable<RenderedManifest> manifests, string name) =>
        Objects<V1Deployment>(manifests).Single(d => d.Name() == name);

    private static Dictionary<string, V1EnvVar> Env(V1Deployment deployment) =>
        deployment.Spec.Template.Spec.Containers.Single().Env.ToDictionary(e => e.Name);

    private static T Single<T>(IEnumerable<RenderedManifest> manifests) => Objects<T>(manifests).ShouldHaveSingleItem();

    private static List<T> Objects<T>(IEnumerable<RenderedManifest> manifests) => manifests
        .Where(m => m.Kind == typeof(T).Name[2..])
        .Select(m => KubernetesYaml.Deserialize<T>(m.Yaml, strict: true))
        .ToList();
}

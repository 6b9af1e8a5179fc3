using System.Reflection;

namespace Dailyfeed.Testing.Silos;

/// <summary>The product's assemblies as a host loads them, for tests that check a rule over every product type.</summary>
public static class DailyfeedAssemblies
{
    /// <summary><paramref name="roots"/> and every Dailyfeed assembly they reference, directly or not, by name.</summary>
    public static IReadOnlyList<Assembly> ClosureOf(params Assembly[] roots)
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>(roots);
        while (pending.TryDequeue(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(name => name.Name!.StartsWith("Dailyfeed", StringComparison.Ordinal)))
            {
                pending.Enqueue(Assembly.Load(reference));
            }
        }

        return found.Values.OrderBy(assembly => assembly.GetName().Name, StringComparer.Ordinal).ToList();
    }
}

namespace Dailyfeed.Runtime.Activation;

/// <summary>Activation lifetime settings (configuration section Dailyfeed:Activation).</summary>
public sealed class ActivationOptions
{
    /// <summary>An activation that served no call for this long is deactivated. Orleans' default collection age is 15 minutes too.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Bound on OnActivateAsync/OnDeactivateAsync, so a stuck hook cannot wedge shutdown.</summary>
    public TimeSpan LifecycleHookTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

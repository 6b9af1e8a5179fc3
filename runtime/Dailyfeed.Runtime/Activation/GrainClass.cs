using System.Reflection;
using Dailyfeed.Runtime.Serialization;
using Dailyfeed.Runtime.Storage;
using Dailyfeed.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Runtime.Activation;

/// <summary>An implementation class and how to build one instance: DI for services, plus its declared persistent states.</summary>
internal sealed class GrainClass
{
    private readonly ObjectFactory _factory;
    private readonly StateSlot[] _states;

    public GrainClass(Type implementationType, GrainInterfaceMetadata metadata)
    {
        ImplementationType = implementationType;
        Metadata = metadata;
        var constructor = implementationType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        _states = constructor.GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<PersistentStateAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => StateSlot.CreateOrThrow(x.Parameter, x.Attribute!.StateName))
            .ToArray();
        _factory = ActivatorUtilities.CreateFactory(implementationType, _states.Select(s => s.InterfaceType).ToArray());
    }

    public Type ImplementationType { get; }

    public GrainInterfaceMetadata Metadata { get; }

    /// <summary>Creates the grain and its state objects; the caller loads the states before activation.</summary>
    public (Grain Grain, IPersistentStateLoader[] States) Create(
        IServiceProvider services, GrainId grainId, IGrainStorage? storage, GrainSerializer serializer, IPendingEvents pendingEvents)
    {
        var states = new object[_states.Length];
        for (var i = 0; i < _states.Length; i++)
        {
            var configuredStorage = storage ?? throw new InvalidOperationException(
                $"{ImplementationType.Name} declares persistent state but the silo has no grain storage configured.");
            states[i] = _states[i].Create(grainId, configuredStorage, serializer, pendingEvents);
        }

        var grain = (Grain)_factory(services, states);
        return (grain, states.Cast<IPersistentStateLoader>().ToArray());
    }

    private sealed class StateSlot
    {
        private readonly Type _implementationType;
        private readonly string _name;

        private StateSlot(Type interfaceType, Type implementationType, string name)
        {
            InterfaceType = interfaceType;
            _implementationType = implementationType;
            _name = name;
        }

        public Type InterfaceType { get; }

        public static StateSlot CreateOrThrow(ParameterInfo parameter, string name)
        {
            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"[PersistentState] parameter {parameter.Name} of {parameter.Member.DeclaringType?.Name} must be IPersistentState<T>.");
            }

            return new StateSlot(type, typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments()[0]), name);
        }

        public object Create(GrainId grainId, IGrainStorage storage, GrainSerializer serializer, IPendingEvents pendingEvents) =>
            Activator.CreateInstance(_implementationType, _name, grainId, storage, serializer, pendingEvents)!;
    }
}

using System.Linq.Expressions;
using System.Reflection;

namespace Dailyfeed.Runtime.Activation;

/// <summary>
/// Everything the runtime needs to call one grain interface method: compiled invokers (no MethodInfo.Invoke on the
/// hot path), its wire id, result type and scheduling attributes.
/// </summary>
internal sealed class GrainMethod
{
    private GrainMethod(MethodInfo method, string id)
    {
        Method = method;
        Id = id;
        ParameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        ResultType = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null;
        IsReadOnly = method.GetCustomAttribute<ReadOnlyAttribute>() is not null;
        IsAlwaysInterleave = method.GetCustomAttribute<AlwaysInterleaveAttribute>() is not null;
        Timeout = method.GetCustomAttribute<CallTimeoutAttribute>()?.Timeout;
        Invoke = CompileInvoker(method, ParameterTypes);
        var resultForDispatch = ResultType ?? typeof(object);
        ProxyCall = CreateDelegate<Func<IGrainCallInvoker, GrainReference, GrainMethod, object?[], Task>>(
            nameof(ProxyCallTyped), resultForDispatch);
        ServerDispatch = CreateDelegate<Func<ILocalGrainInvoker, GrainId, GrainMethod, object?[], Task<object?>>>(
            nameof(ServerDispatchTyped), resultForDispatch);
    }

    public MethodInfo Method { get; }

    /// <summary>Wire identity: name and arity. Overloads of equal arity are rejected when the interface is loaded.</summary>
    public string Id { get; }

    public Type[] ParameterTypes { get; }

    /// <summary>T of Task&lt;T&gt;; null for a plain Task.</summary>
    public Type? ResultType { get; }

    public bool IsReadOnly { get; }

    public bool IsAlwaysInterleave { get; }

    public TimeSpan? Timeout { get; }

    /// <summary>Calls the method on a grain instance.</summary>
    public Func<object, object?[], Task> Invoke { get; }

    /// <summary>What a grain reference proxy runs: routes the call and returns the correctly typed task.</summary>
    public Func<IGrainCallInvoker, GrainReference, GrainMethod, object?[], Task> ProxyCall { get; }

    /// <summary>What a silo runs for a remote request: invokes locally and boxes the result for serialization.</summary>
    public Func<ILocalGrainInvoker, GrainId, GrainMethod, object?[], Task<object?>> ServerDispatch { get; }

    public override string ToString() => $"{Method.DeclaringType?.Name}.{Method.Name}";

    public static GrainMethod CreateOrThrow(MethodInfo method)
    {
        var returnType = method.ReturnType;
        var isTask = returnType == typeof(Task) ||
                     (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>));
        if (!isTask)
        {
            throw new NotSupportedException(
                $"Grain method {method.DeclaringType?.FullName}.{method.Name} must return Task or Task<T>.");
        }

        if (method.IsGenericMethodDefinition || method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new NotSupportedException(
                $"Grain method {method.DeclaringType?.FullName}.{method.Name} cannot be generic or take ref/out parameters.");
        }

        return new GrainMethod(method, $"{method.Name}/{method.GetParameters().Length}");
    }

    private static Func<object, object?[], Task> CompileInvoker(MethodInfo method, Type[] parameterTypes)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            parameterTypes.Select((t, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), t)));
        return Expression.Lambda<Func<object, object?[], Task>>(call, grain, args).Compile();
    }

    private static TDelegate CreateDelegate<TDelegate>(string name, Type resultType) where TDelegate : Delegate =>
        typeof(GrainMethod).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(resultType)
            .CreateDelegate<TDelegate>();

    // A generic method called through an interface is resolved by a runtime lookup on every call; the router, the
    // invoker of every production call, is called directly.
    private static Task ProxyCallTyped<T>(IGrainCallInvoker invoker, GrainReference reference, GrainMethod method, object?[] args) =>
        invoker is Messaging.GrainCallRouter router
            ? router.InvokeAsync<T>(reference, method, args)
            : invoker.InvokeAsync<T>(reference, method, args);

    private static async Task<object?> ServerDispatchTyped<T>(ILocalGrainInvoker invoker, GrainId grainId, GrainMethod method, object?[] args) =>
        await invoker.InvokeLocalAsync<T>(grainId, method, args).ConfigureAwait(false);
}

// Contracts write Orleans' serializer attributes ([GenerateSerializer], [Id], [Alias]) and grain markers plainly.
global using Orleans;
global using Orleans.Concurrency;

namespace LlmOps.Storage.Tests.Support;

/// <summary>Marks a test class whose <see cref="StoreFactAttribute"/> tests need a real PostgreSQL server.</summary>
public interface IRequiresPostgres
{
}

using System.Runtime.CompilerServices;

// The storage test project exercises the query API (QueryApiEndpoints) on a real Kestrel app.
[assembly: InternalsVisibleTo("LlmOps.Storage.Tests")]

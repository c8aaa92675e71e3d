using HelpWidget.Testing;

// One PostgreSQL server for every test of the assembly; each test takes its own database or schema.
[assembly: AssemblyFixture(typeof(PostgreSqlTestServer))]

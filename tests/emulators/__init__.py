"""HTTP emulators of outside services that cannot be reached from the test machines. Each runs
as a real HTTP server in a thread and is driven by the project's real client code; each says
which documentation it follows."""

-- A later migration of another module, for RegistryMigrationsTest.
CREATE TABLE later_module_state (id INT PRIMARY KEY);

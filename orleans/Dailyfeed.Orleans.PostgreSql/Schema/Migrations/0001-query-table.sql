-- Orleans' ADO.NET providers read every statement they run from this table at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery"), so its name and columns are fixed by them.
-- Later steps upsert their rows so a step can replace a query it owns.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- The price history belongs to stoa-vm-hub now (its 03_price_history_and_usage: the table
-- vm_size_price_history and its own triggers on vm_sizes), so this module keeps only its own
-- tables and bills from what the hub publishes (vm_usage, vm_size_price_history).
--
-- The hub took over every row of vm_size_prices when its migration ran, and both modules'
-- triggers recorded every change since, so there is nothing left to carry over but a size the
-- hub has no price for at all. Where the hub has one it is kept: on a database where the hub ran
-- first, it holds the size's true first price, while this module's 01 just seeded today's. The
-- statement also makes this migration fail and roll back, dropping nothing, should it ever run
-- before the hub's: then there is no vm_size_price_history to write to.
INSERT INTO vm_size_price_history (size, dollars_per_month, effective_from)
    SELECT size, dollars_per_month, effective_from FROM vm_size_prices p
    WHERE NOT EXISTS (SELECT 1 FROM vm_size_price_history h WHERE h.size = p.size);

DROP TRIGGER vm_size_prices_follow_inserts ON vm_sizes;
DROP TRIGGER vm_size_prices_follow_updates ON vm_sizes;
DROP FUNCTION vm_size_price_is_recorded();
DROP TABLE vm_size_prices;

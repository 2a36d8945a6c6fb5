package org.stoa.vm.hub.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.stoa.db.Jdbc;
import org.stoa.vm.hub.OsImage;
import org.stoa.vm.hub.VmSize;

/** All SQL of what can be ordered: VM sizes and OS images. */
final class CatalogRepository {

    private static final String SIZE_COLUMNS = "id, dollars_per_month, memory_mb, vcpus, bandwidth_gb_per_month";
    private static final String IMAGE_COLUMNS = "id, template_image_file_name, description, deprecated";

    /** Cheapest first. */
    List<VmSize> sizes(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT " + SIZE_COLUMNS + " FROM vm_sizes ORDER BY dollars_per_month, id",
                CatalogRepository::size);
    }

    Optional<VmSize> size(Connection c, String id) throws SQLException {
        return Jdbc.one(c, "SELECT " + SIZE_COLUMNS + " FROM vm_sizes WHERE id = ?", CatalogRepository::size, id);
    }

    List<OsImage> images(Connection c, boolean withDeprecated) throws SQLException {
        return Jdbc.list(c, "SELECT " + IMAGE_COLUMNS + " FROM os_images"
                + (withDeprecated ? "" : " WHERE NOT deprecated") + " ORDER BY id", CatalogRepository::image);
    }

    Optional<OsImage> image(Connection c, String id) throws SQLException {
        return Jdbc.one(c, "SELECT " + IMAGE_COLUMNS + " FROM os_images WHERE id = ?", CatalogRepository::image, id);
    }

    private static VmSize size(ResultSet row) throws SQLException {
        return new VmSize(row.getString("id"), row.getBigDecimal("dollars_per_month"), row.getInt("memory_mb"),
                row.getInt("vcpus"), row.getInt("bandwidth_gb_per_month"));
    }

    private static OsImage image(ResultSet row) throws SQLException {
        return new OsImage(row.getString("id"), row.getString("template_image_file_name"),
                row.getString("description"), row.getBoolean("deprecated"));
    }
}

-- CBS data: buurt boundaries, key figures per region and the
-- postcode-house-number table, for the gemeenten of the wijken in this
-- installation only. The tables hold no personal data.

-- Buurt boundaries as a GeoJSON geometry in WGS84 (lon, lat), with a
-- bounding box in units of 1e-7 degree (floor for min, ceil for max) so a
-- point lookup can skip most shapes in SQL.
CREATE TABLE cbs_shapes (
    code          TEXT NOT NULL,
    year          INTEGER NOT NULL,
    name          TEXT NOT NULL,
    wijk_code     TEXT NOT NULL DEFAULT '',
    gemeente_code TEXT NOT NULL,
    geometry      TEXT NOT NULL,
    min_lon       BIGINT NOT NULL,
    min_lat       BIGINT NOT NULL,
    max_lon       BIGINT NOT NULL,
    max_lat       BIGINT NOT NULL,
    PRIMARY KEY (code, year)
);
CREATE INDEX cbs_shapes_gemeente ON cbs_shapes (gemeente_code, year);

-- Key figures (Kerncijfers wijken en buurten) per region code (GM, WK or
-- BU) and year. value is a decimal in text with a '.' ("4.5"), or NULL when
-- CBS keeps it secret or does not know it.
CREATE TABLE cbs_figures (
    code          TEXT NOT NULL,
    year          INTEGER NOT NULL,
    figure        TEXT NOT NULL,
    value         TEXT,
    gemeente_code TEXT NOT NULL,
    PRIMARY KEY (code, year, figure)
);
CREATE INDEX cbs_figures_gemeente ON cbs_figures (gemeente_code, year);

-- The address table: which buurt each postcode + house number lies in.
-- One set per gemeente: a new import replaces the rows of its gemeenten.
CREATE TABLE cbs_postcodes (
    postcode      TEXT NOT NULL,
    number        INTEGER NOT NULL,
    buurt_code    TEXT NOT NULL,
    gemeente_code TEXT NOT NULL,
    year          INTEGER NOT NULL,
    PRIMARY KEY (postcode, number)
);
CREATE INDEX cbs_postcodes_gemeente ON cbs_postcodes (gemeente_code);

-- What was imported when, for the "source and year" on the pages.
CREATE TABLE cbs_imports (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('buurten', 'kerncijfers', 'postcodes')),
    year       INTEGER NOT NULL,
    file_name  TEXT NOT NULL,
    rows_read  INTEGER NOT NULL,
    rows_kept  INTEGER NOT NULL,
    gemeenten  TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cbs_imports_kind ON cbs_imports (kind, created_at);

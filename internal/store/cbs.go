package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/cbs"
)

// This file answers "which buurt?" from the CBS data: an address through
// the postcode-house-number table, a point through the buurt boundaries.
// cbs_import.go fills the tables.

// LookupAddress returns the CBS code of the buurt a postcode and house
// number lie in. The postcode may be written "1234 ab" or "1234AB". An
// address that is not in the table (or a table not imported yet) is
// ENOTFOUND with a message that says so.
func (s *Store) LookupAddress(ctx context.Context, postcode string, number int) (string, error) {
	pc := cbs.Postcode(postcode)
	if pc == "" {
		return "", &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("%q is not a postcode: write 4 digits and 2 letters, like 1234 AB.", postcode),
			Fields: map[string]string{"postcode": "cbs.error.postcode"}}
	}
	if number < 1 || number > 99999 {
		return "", &wei.Error{Code: wei.EINVALID, Message: "The house number must be a number from 1 to 99999.",
			Fields: map[string]string{"number": "cbs.error.house_number"}}
	}
	var code string
	err := s.queryRow(ctx, "SELECT buurt_code FROM cbs_postcodes WHERE postcode = ? AND number = ?", pc, number).Scan(&code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", &wei.Error{Code: wei.ENOTFOUND, Message: fmt.Sprintf("The address %s %d is not in the CBS address table of this installation.", cbs.FormatPostcode(pc), number),
			Fields: map[string]string{"postcode": "cbs.error.address_unknown"}}
	}
	if err != nil {
		return "", fmt.Errorf("store: lookup address: %w", err)
	}
	return code, nil
}

// shapeRow is a stored boundary with the buurt of this installation it
// belongs to.
type shapeRow struct {
	buurtID string
	shape   cbs.Shape
}

// wijkShapes reads the boundaries of the wijk's buurten, matched by CBS
// code. Per buurt it takes the boundary of the buurt's own CBS year when
// that was imported, else the most recent year imported for that code.
// at, when not nil, keeps only shapes whose bounding box holds the point.
func (s *Store) wijkShapes(ctx context.Context, wijkID string, at *cbs.Point) ([]shapeRow, error) {
	q := `SELECT b.id, b.cbs_year, c.code, c.year, c.name, c.wijk_code, c.gemeente_code, c.geometry
		FROM buurten b JOIN cbs_shapes c ON c.code = b.cbs_code
		WHERE b.wijk_id = ?`
	args := []any{wijkID}
	if at != nil {
		lon, lat := int64(math.Round(at.Lon*1e7)), int64(math.Round(at.Lat*1e7))
		q += " AND c.min_lon <= ? AND c.max_lon >= ? AND c.min_lat <= ? AND c.max_lat >= ?"
		args = append(args, lon+2, lon-2, lat+2, lat-2) // 2e-7 degree: beyond cbs.BorderTolerance
	}
	q += " ORDER BY c.code, c.year"
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: buurt shapes: %w", err)
	}
	defer rows.Close()
	type cand struct {
		row          shapeRow
		ownYear      bool
		year         int
		geometryJSON string
	}
	best := map[string]cand{} // by buurt ID
	for rows.Next() {
		var c cand
		var buurtYear int
		if err := rows.Scan(&c.row.buurtID, &buurtYear, &c.row.shape.Code, &c.year, &c.row.shape.Name, &c.row.shape.WijkCode, &c.row.shape.GemeenteCode, &c.geometryJSON); err != nil {
			return nil, fmt.Errorf("store: buurt shapes: %w", err)
		}
		c.ownYear = c.year == buurtYear
		old, ok := best[c.row.buurtID]
		if !ok || (c.ownYear && !old.ownYear) || (!old.ownYear && c.year > old.year) {
			best[c.row.buurtID] = c
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: buurt shapes: %w", err)
	}
	out := make([]shapeRow, 0, len(best))
	for _, c := range best {
		if err := cbs.ParseGeometry([]byte(c.geometryJSON), &c.row.shape); err != nil {
			return nil, fmt.Errorf("store: buurt shape %s %d: %w", c.row.shape.Code, c.year, err)
		}
		out = append(out, c.row)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].shape.Code < out[j].shape.Code })
	return out, nil
}

// BuurtShapes returns the boundaries of the wijk's buurten that have one,
// in WGS84, ordered by code. Buurten without an imported boundary are left
// out; an empty list means none were imported.
func (s *Store) BuurtShapes(ctx context.Context, wijkID string) ([]cbs.Shape, error) {
	rows, err := s.wijkShapes(ctx, wijkID, nil)
	if err != nil {
		return nil, err
	}
	out := make([]cbs.Shape, len(rows))
	for i, r := range rows {
		out[i] = r.shape
	}
	return out, nil
}

// BuurtAt returns the ID of the wijk's buurt that holds the WGS84 point.
// A point on the border of two buurten belongs to the one with the lowest
// CBS code (see cbs.Find). A point outside every buurt of the wijk is
// ENOTFOUND.
func (s *Store) BuurtAt(ctx context.Context, wijkID string, lon, lat float64) (string, error) {
	if math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return "", &wei.Error{Code: wei.EINVALID, Message: "This is not a position: longitude must be from -180 to 180 and latitude from -90 to 90.",
			Fields: map[string]string{"location": "cbs.error.position"}}
	}
	p := cbs.Point{Lon: lon, Lat: lat}
	rows, err := s.wijkShapes(ctx, wijkID, &p)
	if err != nil {
		return "", err
	}
	shapes := make([]cbs.Shape, len(rows))
	for i, r := range rows {
		shapes[i] = r.shape
	}
	if i := cbs.Find(shapes, p); i >= 0 {
		return rows[i].buurtID, nil
	}
	return "", &wei.Error{Code: wei.ENOTFOUND, Message: "This place is not in a buurt of this wijk.",
		Fields: map[string]string{"location": "cbs.error.outside_wijk"}}
}

// CBSImport is one import of a CBS file: what, which year, from which
// file, when.
type CBSImport struct {
	Kind     string
	Year     int
	FileName string
	At       time.Time
}

// LastCBSImport returns the most recent import of a kind for a year (year
// 0: of any year). ENOTFOUND when there was none.
func (s *Store) LastCBSImport(ctx context.Context, kind string, year int) (CBSImport, error) {
	q := "SELECT kind, year, file_name, created_at FROM cbs_imports WHERE kind = ?"
	args := []any{kind}
	if year != 0 {
		q += " AND year = ?"
		args = append(args, year)
	}
	var imp CBSImport
	var at int64
	err := s.queryRow(ctx, q+" ORDER BY created_at DESC, id DESC LIMIT 1", args...).Scan(&imp.Kind, &imp.Year, &imp.FileName, &at)
	imp.At = fromMS(at)
	return imp, notFound(err, "store: last cbs import %s: %w", kind)
}

// CBSFigures are the key figures of one year for some regions.
type CBSFigures struct {
	Year   int                             // 0 when no figures were imported for these regions
	Values map[string]map[string]cbs.Value // region code → figure key → value
}

// Value returns a figure of a region; a figure not in the file is not
// Known, like a secret one.
func (f CBSFigures) Value(code, key string) cbs.Value { return f.Values[code][key] }

// RegionFigures returns the key figures of the most recent year that has
// figures for any of the codes.
func (s *Store) RegionFigures(ctx context.Context, codes []string) (CBSFigures, error) {
	out := CBSFigures{Values: map[string]map[string]cbs.Value{}}
	if len(codes) == 0 {
		return out, nil
	}
	if err := s.queryRow(ctx, "SELECT COALESCE(MAX(year), 0) FROM cbs_figures WHERE code IN "+inList(len(codes)), anyStrings(codes)...).Scan(&out.Year); err != nil {
		return out, fmt.Errorf("store: region figures: %w", err)
	}
	if out.Year == 0 {
		return out, nil
	}
	rows, err := s.query(ctx, "SELECT code, figure, value FROM cbs_figures WHERE year = ? AND code IN "+inList(len(codes)), append([]any{out.Year}, anyStrings(codes)...)...)
	if err != nil {
		return out, fmt.Errorf("store: region figures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, key string
		var v sql.NullString
		if err := rows.Scan(&code, &key, &v); err != nil {
			return out, fmt.Errorf("store: region figures: %w", err)
		}
		if out.Values[code] == nil {
			out.Values[code] = map[string]cbs.Value{}
		}
		out.Values[code][key] = cbs.Value{Known: v.Valid, Text: v.String}
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("store: region figures: %w", err)
	}
	return out, nil
}

package cbs

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// CRS names the coordinate system of a boundary file.
type CRS string

const (
	CRSRDNew CRS = "EPSG:28992"
	CRSWGS84 CRS = "EPSG:4326"
)

// ShapeFile is what ReadShapes found in a boundary file.
type ShapeFile struct {
	CRS      CRS     // as declared in the file, or detected from the coordinates
	Features int     // features read
	Skipped  int     // features that are not buurten, or that keep left out
	Shapes   []Shape // in WGS84, in file order
}

// MaxFeatures limits a boundary file: the whole country has about 15,000
// buurten.
const MaxFeatures = 100_000

// ReadShapes reads a GeoJSON FeatureCollection of buurt boundaries, one
// feature at a time, so a file of the whole country needs little memory
// beyond the shapes kept. Each feature has a Polygon or MultiPolygon
// geometry (holes allowed) and properties with the buurt code and name:
// buurtcode/buurtnaam/wijkcode/gemeentecode in the current CBS files,
// statcode/statnaam in older ones, bu_code/bu_naam/wk_code/gm_code in files
// converted from the shapefiles (any letter case). Features of wijken or
// gemeenten are skipped.
//
// Coordinates in RD New (declared by a crs member naming EPSG:28992, or
// detected from their range when there is none) are converted to WGS84.
// keep, when not nil, selects the buurt codes to return.
//
// A malformed file or feature returns a *FormatError and no shapes: a
// boundary file is all or nothing.
func ReadShapes(r io.Reader, keep func(code string) bool) (ShapeFile, error) {
	var out ShapeFile
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return ShapeFile{}, &FormatError{Reason: "this is not a GeoJSON file: it does not start with an object"}
	}
	sawFeatures := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return ShapeFile{}, jsonError(err)
		}
		key, _ := tok.(string)
		switch key {
		case "type":
			var t string
			if err := dec.Decode(&t); err != nil || t != "FeatureCollection" {
				return ShapeFile{}, &FormatError{Reason: "this GeoJSON is not a FeatureCollection"}
			}
		case "crs":
			var c struct {
				Properties struct {
					Name string `json:"name"`
				} `json:"properties"`
			}
			if err := dec.Decode(&c); err != nil {
				return ShapeFile{}, jsonError(err)
			}
			crs, err := parseCRS(c.Properties.Name)
			if err != nil {
				return ShapeFile{}, err
			}
			if sawFeatures && out.CRS != "" && crs != out.CRS {
				return ShapeFile{}, &FormatError{Reason: fmt.Sprintf("the file declares %s but its coordinates are in %s", crs, out.CRS)}
			}
			out.CRS = crs
		case "features":
			sawFeatures = true
			if err := readFeatures(dec, &out, keep); err != nil {
				return ShapeFile{}, err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return ShapeFile{}, jsonError(err)
			}
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return ShapeFile{}, jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return ShapeFile{}, &FormatError{Reason: "there is more after the end of the GeoJSON object"}
	}
	if !sawFeatures {
		return ShapeFile{}, &FormatError{Reason: "this GeoJSON has no features"}
	}
	if out.Features-out.Skipped == 0 && keep == nil {
		return ShapeFile{}, &FormatError{Reason: "this GeoJSON holds no buurten (features with a buurt code BU…)"}
	}
	return out, nil
}

func readFeatures(dec *json.Decoder, out *ShapeFile, keep func(string) bool) error {
	if err := expectDelim(dec, '['); err != nil {
		return &FormatError{Reason: "features is not a list"}
	}
	for dec.More() {
		out.Features++
		n := out.Features
		if n > MaxFeatures {
			return &FormatError{Reason: fmt.Sprintf("the file has more than %d features; this is not a file of buurten", MaxFeatures)}
		}
		var f struct {
			Type       string          `json:"type"`
			Properties map[string]any  `json:"properties"`
			Geometry   json.RawMessage `json:"geometry"`
		}
		if err := dec.Decode(&f); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) || err == io.ErrUnexpectedEOF {
				return jsonError(err)
			}
			return &FormatError{Feature: n, Reason: "the feature is not a GeoJSON object with properties and a geometry"}
		}
		if f.Type != "Feature" {
			return &FormatError{Feature: n, Reason: fmt.Sprintf("type is %q, not \"Feature\"", f.Type)}
		}
		props := lowerKeys(f.Properties)
		raw := firstProp(props, "buurtcode", "bu_code", "statcode", "code")
		code := RegionCode(raw)
		if code == "" {
			code = BuurtCode(raw)
			if code == "" {
				return &FormatError{Feature: n, Reason: fmt.Sprintf("no buurt code: expected a property buurtcode, statcode or bu_code like BU03630101, found %q", raw)}
			}
		}
		if !strings.HasPrefix(code, PrefixBuurt) || (keep != nil && !keep(code)) {
			out.Skipped++
			continue
		}
		s := Shape{
			Code:         code,
			Name:         strings.TrimSpace(firstProp(props, "buurtnaam", "bu_naam", "statnaam", "naam", "name")),
			WijkCode:     WijkCode(firstProp(props, "wijkcode", "wk_code")),
			GemeenteCode: GemeenteCode(firstProp(props, "gemeentecode", "gm_code")),
		}
		if s.GemeenteCode == "" {
			s.GemeenteCode = GemeenteOf(code)
		}
		if s.Name == "" {
			s.Name = code
		}
		var g rawGeometry
		if len(f.Geometry) == 0 || string(f.Geometry) == "null" {
			return &FormatError{Feature: n, Reason: "buurt " + code + " has no geometry"}
		}
		if err := json.Unmarshal(f.Geometry, &g); err != nil {
			return &FormatError{Feature: n, Reason: "buurt " + code + ": the geometry is not a GeoJSON object"}
		}
		polys, err := g.polygons()
		if err != nil {
			return &FormatError{Feature: n, Reason: "buurt " + code + ": " + err.Error()}
		}
		if out.CRS == "" {
			c := polys[0][0][0]
			switch {
			case isWGS84(c[0], c[1]):
				out.CRS = CRSWGS84
			case isRD(c[0], c[1]):
				out.CRS = CRSRDNew
			default:
				return &FormatError{Feature: n, Reason: fmt.Sprintf("buurt %s: the coordinates (%g, %g) are neither WGS84 nor RD New (EPSG:28992)", code, c[0], c[1])}
			}
		}
		s.Polygons = make([]Polygon, len(polys))
		for i, poly := range polys {
			s.Polygons[i] = make(Polygon, len(poly))
			for j, r := range poly {
				ring := make(Ring, len(r))
				for k, c := range r {
					x, y := c[0], c[1]
					if out.CRS == CRSRDNew {
						if !isRD(x, y) {
							return &FormatError{Feature: n, Reason: fmt.Sprintf("buurt %s: the point (%g, %g) lies outside the Netherlands in RD New", code, x, y)}
						}
						ring[k] = RDToWGS84(x, y)
					} else {
						if !isWGS84(x, y) {
							return &FormatError{Feature: n, Reason: fmt.Sprintf("buurt %s: the point (%g, %g) is not a longitude and latitude", code, x, y)}
						}
						ring[k] = Point{Lon: x, Lat: y}
					}
				}
				s.Polygons[i][j] = ring
			}
		}
		s.computeBBox()
		out.Shapes = append(out.Shapes, s)
	}
	if err := expectDelim(dec, ']'); err != nil {
		return jsonError(err)
	}
	return nil
}

// parseCRS understands the names GeoJSON files use for the two systems.
func parseCRS(name string) (CRS, error) {
	n := strings.ToUpper(name)
	switch {
	case strings.HasSuffix(n, ":28992") || strings.HasSuffix(n, "::28992"):
		return CRSRDNew, nil
	case strings.HasSuffix(n, ":4326") || strings.HasSuffix(n, "CRS84"):
		return CRSWGS84, nil
	}
	return "", &FormatError{Reason: fmt.Sprintf("the coordinate system %q is not supported: use RD New (EPSG:28992) or WGS84", name)}
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != d {
		return fmt.Errorf("expected %q", d)
	}
	return nil
}

func jsonError(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &FormatError{Reason: fmt.Sprintf("this is not valid JSON (at byte %d): %s", se.Offset, se.Error())}
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return &FormatError{Reason: "the file ends too early: it is cut off"}
	}
	var fe *FormatError
	if errors.As(err, &fe) {
		return err
	}
	return &FormatError{Reason: "this is not a valid GeoJSON file: " + err.Error()}
}

func lowerKeys(m map[string]any) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		var s string
		switch v := v.(type) {
		case string:
			s = v
		case float64:
			s = fmt.Sprintf("%.0f", v)
		default:
			continue
		}
		out[strings.ToLower(k)] = s
	}
	return out
}

func firstProp(m map[string]string, keys ...string) string {
	for _, k := range keys {
		if v, ok := m[k]; ok && strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

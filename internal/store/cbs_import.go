package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/cbs"
)

// Kinds of CBS import.
const (
	CBSBuurten     = "buurten"
	CBSKerncijfers = "kerncijfers"
	CBSPostcodes   = "postcodes"
)

// MaxCBSRejects is how many rejected rows a report lists one by one.
const MaxCBSRejects = 100

// CBSReject is a row of a CBS file that could not be read.
type CBSReject struct {
	Line   int
	Reason string
}

// CBSReport tells what an import of a CBS file did.
type CBSReport struct {
	Kind       string
	Year       int
	FileName   string
	Gemeenten  []string // the gemeenten of this installation, whose rows were kept
	Read       int      // data rows (or features) read
	Kept       int      // rows stored
	Skipped    int      // rows of other gemeenten
	Duplicates int      // rows for an address or region seen before in the file
	Rejected   int      // rows with a bad value, left out
	Rejects    []CBSReject
}

func (r *CBSReport) reject(line int, reason string) {
	r.Rejected++
	if len(r.Rejects) < MaxCBSRejects {
		r.Rejects = append(r.Rejects, CBSReject{Line: line, Reason: reason})
	}
}

// CBSGemeenten returns the codes of the gemeenten this installation works
// in: the four digits after the prefix of every buurt and wijk code in the
// database (BU03630101 and WK036301 are both in GM0363). Imports keep only
// the rows of these gemeenten.
func (s *Store) CBSGemeenten(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, "SELECT cbs_code FROM buurten UNION SELECT cbs_code FROM wijken")
	if err != nil {
		return nil, fmt.Errorf("store: cbs gemeenten: %w", err)
	}
	defer rows.Close()
	set := map[string]bool{}
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return nil, fmt.Errorf("store: cbs gemeenten: %w", err)
		}
		if g := cbs.GemeenteOf(code); g != "" {
			set[g] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: cbs gemeenten: %w", err)
	}
	out := make([]string, 0, len(set))
	for g := range set {
		out = append(out, g)
	}
	sort.Strings(out)
	return out, nil
}

// importSetup finds the gemeenten and checks the year.
func (s *Store) importSetup(ctx context.Context, rep *CBSReport, year int) (map[string]bool, error) {
	if year < 2000 || year > 2100 {
		return nil, wei.Errorf(wei.EINVALID, "the year of the file is not known: give it with --year (for example --year %d)", s.now().Year())
	}
	rep.Year = year
	gems, err := s.CBSGemeenten(ctx)
	if err != nil {
		return nil, err
	}
	if len(gems) == 0 {
		return nil, wei.Errorf(wei.EINVALID, "this installation has no wijken or buurten with CBS codes yet: create them first, so WEI knows which gemeenten to keep")
	}
	rep.Gemeenten = gems
	set := make(map[string]bool, len(gems))
	for _, g := range gems {
		set[g] = true
	}
	return set, nil
}

// badFile turns a reader's *cbs.FormatError into an EINVALID error.
func badFile(fileName string, err error) error {
	var fe *cbs.FormatError
	if errors.As(err, &fe) {
		return wei.Errorf(wei.EINVALID, "%s: %s; nothing was imported", fileName, fe.Error())
	}
	return err
}

// nothingKept is the error for a file without rows of our gemeenten: the
// old data stays.
func nothingKept(rep *CBSReport, what string) error {
	return wei.Errorf(wei.EINVALID, "%s holds no %s of gemeente %s (read %d); nothing was imported and the data already in WEI stays",
		rep.FileName, what, strings.Join(rep.Gemeenten, ", "), rep.Read)
}

func inList(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

func anyStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func (s *Store) recordImport(ctx context.Context, tx *Tx, rep *CBSReport) error {
	_, err := tx.exec(ctx, "INSERT INTO cbs_imports (id, kind, year, file_name, rows_read, rows_kept, gemeenten, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		wei.NewID(), rep.Kind, rep.Year, rep.FileName, rep.Read, rep.Kept, strings.Join(rep.Gemeenten, " "), ms(s.now()))
	if err != nil {
		return fmt.Errorf("store: record cbs import: %w", err)
	}
	return nil
}

// postcodeBatch is how many addresses go into one INSERT.
const postcodeBatch = 1000

// ImportCBSPostcodes reads the CBS postcode-house-number file as it
// streams in and replaces the address table of this installation's
// gemeenten with its rows, in one transaction: all or nothing. year 0 takes
// the year from the buurt column (Buurt2023) or the file name. Rows of
// other gemeenten are counted and passed over; rows with a bad value are
// left out and listed in the report. A broken file (a quote not closed,
// rows with the wrong number of fields), or one without a single address in
// our gemeenten, changes nothing and returns EINVALID.
func (s *Store) ImportCBSPostcodes(ctx context.Context, fileName string, r io.Reader, year int) (CBSReport, error) {
	rep := CBSReport{Kind: CBSPostcodes, FileName: fileName}
	pr, err := cbs.NewPostcodeReader(r)
	if err != nil {
		return rep, badFile(fileName, err)
	}
	if year == 0 {
		if year = pr.Year(); year == 0 {
			year = cbs.YearIn(fileName)
		}
	}
	keep, err := s.importSetup(ctx, &rep, year)
	if err != nil {
		return rep, err
	}
	err = s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "DELETE FROM cbs_postcodes WHERE gemeente_code IN "+inList(len(rep.Gemeenten)), anyStrings(rep.Gemeenten)...); err != nil {
			return fmt.Errorf("store: import postcodes: %w", err)
		}
		args := make([]any, 0, postcodeBatch*5)
		flush := func() error {
			n := len(args) / 5
			if n == 0 {
				return nil
			}
			q := "INSERT INTO cbs_postcodes (postcode, number, buurt_code, gemeente_code, year) VALUES " +
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", n), ", ") + " ON CONFLICT (postcode, number) DO NOTHING"
			res, err := tx.exec(ctx, q, args...)
			if err != nil {
				return fmt.Errorf("store: import postcodes: %w", err)
			}
			added, err := res.RowsAffected()
			if err != nil {
				return fmt.Errorf("store: import postcodes: %w", err)
			}
			rep.Kept += int(added)
			rep.Duplicates += n - int(added)
			args = args[:0]
			return ctx.Err()
		}
		for {
			a, err := pr.Next()
			if err == io.EOF {
				break
			}
			var re *cbs.RowError
			if errors.As(err, &re) {
				rep.Read++
				rep.reject(re.Line, re.Reason)
				continue
			}
			if err != nil {
				return badFile(fileName, err)
			}
			rep.Read++
			if !keep[a.GemeenteCode] {
				rep.Skipped++
				continue
			}
			args = append(args, a.Postcode, a.Number, a.BuurtCode, a.GemeenteCode, year)
			if len(args) == cap(args) {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		if rep.Kept == 0 {
			return nothingKept(&rep, "addresses")
		}
		return s.recordImport(ctx, tx, &rep)
	})
	if err != nil {
		rep.Kept, rep.Duplicates = 0, 0
	}
	return rep, err
}

// ImportCBSShapes reads a GeoJSON file of buurt boundaries and replaces the
// boundaries of that year for this installation's gemeenten, in one
// transaction. A malformed file or feature changes nothing (EINVALID with
// the feature number).
func (s *Store) ImportCBSShapes(ctx context.Context, fileName string, r io.Reader, year int) (CBSReport, error) {
	rep := CBSReport{Kind: CBSBuurten, FileName: fileName}
	if year == 0 {
		year = cbs.YearIn(fileName)
	}
	keep, err := s.importSetup(ctx, &rep, year)
	if err != nil {
		return rep, err
	}
	f, err := cbs.ReadShapes(r, func(code string) bool { return keep[cbs.GemeenteOf(code)] })
	if err != nil {
		return rep, badFile(fileName, err)
	}
	rep.Read, rep.Skipped = f.Features, f.Skipped
	if len(f.Shapes) == 0 {
		return rep, nothingKept(&rep, "buurten")
	}
	err = s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "DELETE FROM cbs_shapes WHERE year = ? AND gemeente_code IN "+inList(len(rep.Gemeenten)),
			append([]any{year}, anyStrings(rep.Gemeenten)...)...); err != nil {
			return fmt.Errorf("store: import shapes: %w", err)
		}
		seen := map[string]bool{}
		for _, sh := range f.Shapes {
			if seen[sh.Code] {
				rep.Duplicates++
				continue
			}
			seen[sh.Code] = true
			b := sh.BBox
			if _, err := tx.exec(ctx, `INSERT INTO cbs_shapes (code, year, name, wijk_code, gemeente_code, geometry, min_lon, min_lat, max_lon, max_lat)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, sh.Code, year, sh.Name, sh.WijkCode, cbs.GemeenteOf(sh.Code), string(sh.GeometryJSON()),
				floor7(b.MinLon), floor7(b.MinLat), ceil7(b.MaxLon), ceil7(b.MaxLat)); err != nil {
				return fmt.Errorf("store: import shape %s: %w", sh.Code, err)
			}
			rep.Kept++
		}
		return s.recordImport(ctx, tx, &rep)
	})
	if err != nil {
		rep.Kept = 0
	}
	return rep, err
}

// figureBatch is how many values go into one INSERT.
const figureBatch = 500

// ImportCBSFigures reads the key figures of wijken and buurten and replaces
// the figures of that year for this installation's gemeenten (their
// gemeente, wijken and buurten), in one transaction. A figure CBS keeps
// secret or does not know is stored as NULL.
func (s *Store) ImportCBSFigures(ctx context.Context, fileName string, r io.Reader, year int) (CBSReport, error) {
	rep := CBSReport{Kind: CBSKerncijfers, FileName: fileName}
	fr, err := cbs.NewFiguresReader(r)
	if err != nil {
		return rep, badFile(fileName, err)
	}
	if year == 0 {
		year = cbs.YearIn(fileName)
	}
	keep, err := s.importSetup(ctx, &rep, year)
	if err != nil {
		return rep, err
	}
	err = s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "DELETE FROM cbs_figures WHERE year = ? AND gemeente_code IN "+inList(len(rep.Gemeenten)),
			append([]any{year}, anyStrings(rep.Gemeenten)...)...); err != nil {
			return fmt.Errorf("store: import figures: %w", err)
		}
		args := make([]any, 0, figureBatch*5)
		flush := func() error {
			n := len(args) / 5
			if n == 0 {
				return nil
			}
			q := "INSERT INTO cbs_figures (code, year, figure, value, gemeente_code) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", n), ", ")
			if _, err := tx.exec(ctx, q, args...); err != nil {
				return fmt.Errorf("store: import figures: %w", err)
			}
			args = args[:0]
			return nil
		}
		seen := map[string]bool{}
		for {
			reg, err := fr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return badFile(fileName, err)
			}
			rep.Read++
			gm := cbs.GemeenteOf(reg.Code)
			if !keep[gm] {
				rep.Skipped++
				continue
			}
			if seen[reg.Code] {
				rep.Duplicates++
				continue
			}
			seen[reg.Code] = true
			keys := make([]string, 0, len(reg.Values))
			for k := range reg.Values {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				v := reg.Values[k]
				var val any
				if v.Known {
					val = v.Text
				}
				args = append(args, reg.Code, year, k, val, gm)
				if len(args) == cap(args) {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			rep.Kept++
		}
		if err := flush(); err != nil {
			return err
		}
		if rep.Kept == 0 {
			return nothingKept(&rep, "regions")
		}
		return s.recordImport(ctx, tx, &rep)
	})
	if err != nil {
		rep.Kept, rep.Duplicates = 0, 0
	}
	return rep, err
}

func floor7(v float64) int64 { return int64(math.Floor(v * 1e7)) }
func ceil7(v float64) int64  { return int64(math.Ceil(v * 1e7)) }

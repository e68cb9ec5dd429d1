package cli

import (
	"archive/zip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
)

const importCBSHelp = `usage: wei import cbs --kind buurten|kerncijfers|postcodes [--year N] [--db ...] FILE

  buurten      buurt boundaries, GeoJSON (RD New or WGS84), e.g. from the CBS Wijk- en buurtkaart
  kerncijfers  key figures of wijken and buurten, CSV (kwb-YYYY.csv)
  postcodes    the postcode-house-number file, CSV (pc6hnrYYYYMMDD_gwb.csv)

FILE may also be the .zip CBS publishes it in. Only the rows of the gemeenten
of this installation's wijken and buurten are kept. An import replaces the
earlier data of those gemeenten (for buurten and kerncijfers: of that year)
in one transaction; a file with an error changes nothing.`

// importCBS reads CBS open data: `wei import cbs --kind KIND FILE`.
func importCBS(ctx context.Context, env Env, args []string) error {
	var kind string
	var year int
	var fset *flag.FlagSet
	_, _, s, err := openDB(ctx, env, "import cbs", args, schemaCheck, func(fs *flag.FlagSet) {
		fset = fs
		fs.StringVar(&kind, "kind", "", "what the file holds: buurten, kerncijfers or postcodes")
		fs.IntVar(&year, "year", 0, "the year of the data; default: from the column names or the file name")
	})
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(env.Stderr, importCBSHelp)
		}
		return err
	}
	defer s.Close()
	rest := fset.Args()
	if len(rest) != 1 || (kind != store.CBSBuurten && kind != store.CBSKerncijfers && kind != store.CBSPostcodes) {
		fmt.Fprintln(env.Stderr, importCBSHelp)
		return fmt.Errorf("%w: give --kind buurten, kerncijfers or postcodes and one file", errUsage)
	}
	if year != 0 && (year < 2000 || year > 2100) {
		return fmt.Errorf("%w: --year %d is not a year from 2000 to 2100", errUsage, year)
	}
	name, r, closeFile, err := openCBSFile(rest[0], kind)
	if err != nil {
		return err
	}
	defer closeFile()
	var rep store.CBSReport
	switch kind {
	case store.CBSBuurten:
		rep, err = s.ImportCBSShapes(ctx, name, r, year)
	case store.CBSKerncijfers:
		rep, err = s.ImportCBSFigures(ctx, name, r, year)
	case store.CBSPostcodes:
		rep, err = s.ImportCBSPostcodes(ctx, name, r, year)
	}
	if err != nil {
		var e *wei.Error
		if errors.As(err, &e) {
			return errors.New(e.Message)
		}
		return err
	}
	printCBSReport(env, rep)
	return nil
}

// openCBSFile opens the file, or the member of a .zip that holds this kind
// of data (the one .geojson/.json for buurten, the one .csv whose name
// starts with pc6hnr for postcodes or kwb for kerncijfers, else the only
// .csv).
func openCBSFile(name, kind string) (string, io.Reader, func(), error) {
	f, err := os.Open(name)
	if err != nil {
		return "", nil, nil, fmt.Errorf("cannot read %s: %v", name, err)
	}
	if !strings.EqualFold(filepath.Ext(name), ".zip") {
		return filepath.Base(name), f, func() { f.Close() }, nil
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return "", nil, nil, fmt.Errorf("cannot read %s: %v", name, err)
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		f.Close()
		return "", nil, nil, fmt.Errorf("%s is not a readable zip file: %v", name, err)
	}
	var match, csvs []*zip.File
	for _, zf := range zr.File {
		base := strings.ToLower(path.Base(zf.Name))
		ext := path.Ext(base)
		switch {
		case kind == store.CBSBuurten && (ext == ".geojson" || ext == ".json"):
			match = append(match, zf)
		case kind != store.CBSBuurten && ext == ".csv":
			csvs = append(csvs, zf)
			if (kind == store.CBSPostcodes && strings.HasPrefix(base, "pc6hnr")) || (kind == store.CBSKerncijfers && strings.HasPrefix(base, "kwb")) {
				match = append(match, zf)
			}
		}
	}
	if len(match) == 0 && len(csvs) == 1 {
		match = csvs
	}
	if len(match) != 1 {
		f.Close()
		var names []string
		for _, zf := range zr.File {
			names = append(names, zf.Name)
		}
		return "", nil, nil, fmt.Errorf("%s: cannot tell which file in the zip to import (found %d that fit among: %s); unpack it and name the file", name, len(match), strings.Join(names, ", "))
	}
	rc, err := match[0].Open()
	if err != nil {
		f.Close()
		return "", nil, nil, fmt.Errorf("%s: cannot read %s: %v", name, match[0].Name, err)
	}
	return path.Base(match[0].Name), rc, func() { rc.Close(); f.Close() }, nil
}

func printCBSReport(env Env, rep store.CBSReport) {
	unit := "rows"
	if rep.Kind == store.CBSBuurten {
		unit = "features"
	}
	fmt.Fprintf(env.Stdout, "%s: %s of %d for %s\n", rep.FileName, rep.Kind, rep.Year, strings.Join(rep.Gemeenten, ", "))
	fmt.Fprintf(env.Stdout, "read %d %s: kept %d, other gemeenten %d, duplicates %d, rejected %d\n",
		rep.Read, unit, rep.Kept, rep.Skipped, rep.Duplicates, rep.Rejected)
	for _, r := range rep.Rejects {
		fmt.Fprintf(env.Stdout, "  line %d: %s\n", r.Line, r.Reason)
	}
	if rep.Rejected > len(rep.Rejects) {
		fmt.Fprintf(env.Stdout, "  ... and %d more rejected rows\n", rep.Rejected-len(rep.Rejects))
	}
}

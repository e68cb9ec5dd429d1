package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/wei-platform/wei"
)

// locate finds the buurt of the wijk where a signal or a visit is: from an
// address (postcode and house number, through the CBS postcode table), else
// from a point (through the CBS buurt shapes), else the buurt chosen. An
// address or point outside the wijk, an unknown address or no location at
// all is refused with a message on the field the user filled in.
func (s *Store) locate(ctx context.Context, wijkID, postcode string, number int, hasPoint bool, lon, lat float64, chosen string) (string, error) {
	switch {
	case postcode != "":
		code, err := s.LookupAddress(ctx, postcode, number)
		if wei.ErrorCode(err) == wei.ENOTFOUND {
			return "", &wei.Error{Code: wei.EINVALID, Message: "This address is not in the postcode table.",
				Fields: map[string]string{"postcode": "signals.error.address_unknown"}}
		} else if err != nil {
			return "", err
		}
		id, err := s.buurtOfWijkByCode(ctx, wijkID, code)
		if wei.ErrorCode(err) == wei.ENOTFOUND {
			return "", &wei.Error{Code: wei.EINVALID, Message: "This address is not in this wijk.",
				Fields: map[string]string{"postcode": "signals.error.address_outside"}}
		}
		return id, err
	case hasPoint:
		id, err := s.BuurtAt(ctx, wijkID, lon, lat)
		if wei.ErrorCode(err) == wei.ENOTFOUND {
			return "", &wei.Error{Code: wei.EINVALID, Message: "This point is not in this wijk.",
				Fields: map[string]string{"point": "signals.error.point_outside"}}
		}
		return id, err
	case chosen != "":
		var n int
		if err := s.queryRow(ctx, "SELECT count(*) FROM buurten WHERE id = ? AND wijk_id = ?", chosen, wijkID).Scan(&n); err != nil {
			return "", fmt.Errorf("store: locate: %w", err)
		}
		if n == 0 {
			return "", &wei.Error{Code: wei.EINVALID, Message: "This buurt is not part of the wijk.", Fields: map[string]string{"buurt_id": "signals.error.buurt"}}
		}
		return chosen, nil
	}
	return "", &wei.Error{Code: wei.EINVALID, Message: "Give an address or choose a buurt.", Fields: map[string]string{"buurt_id": "signals.error.location"}}
}

// locateAfter is locate after a validation that returned verr: when the
// location fields themselves are valid it still looks the location up, so
// that a form shows every message at once, and returns verr with the
// location's message added. Without verr it is locate.
func (s *Store) locateAfter(ctx context.Context, verr error, wijkID, postcode string, number int, hasPoint bool, lon, lat float64, chosen string) (string, error) {
	if verr == nil {
		return s.locate(ctx, wijkID, postcode, number, hasPoint, lon, lat, chosen)
	}
	var ve *wei.Error
	if !errors.As(verr, &ve) || ve.Code != wei.EINVALID {
		return "", verr
	}
	for _, f := range []string{"postcode", "house_number", "point", "buurt_id"} {
		if _, bad := ve.Fields[f]; bad {
			return "", verr
		}
	}
	_, lerr := s.locate(ctx, wijkID, postcode, number, hasPoint, lon, lat, chosen)
	var le *wei.Error
	if lerr == nil || !errors.As(lerr, &le) || le.Code != wei.EINVALID {
		if lerr != nil {
			return "", lerr
		}
		return "", verr
	}
	fields := wei.FieldErrors{}
	for k, v := range ve.Fields {
		fields.Add(k, v)
	}
	for k, v := range le.Fields {
		fields.Add(k, v)
	}
	return "", fields.Err()
}

// buurtOfWijkByCode returns the ID of the wijk's buurt with a CBS code, of
// the latest year when the wijk has the code for several years.
func (s *Store) buurtOfWijkByCode(ctx context.Context, wijkID, code string) (string, error) {
	var id string
	err := s.queryRow(ctx, "SELECT id FROM buurten WHERE wijk_id = ? AND cbs_code = ? ORDER BY cbs_year DESC LIMIT 1", wijkID, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", wei.ErrNotFound
	} else if err != nil {
		return "", fmt.Errorf("store: buurt by code %s: %w", code, err)
	}
	return id, nil
}

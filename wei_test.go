package wei_test

import (
	"errors"
	"fmt"
	"sort"
	"testing"

	"github.com/wei-platform/wei"
)

func TestNewIDSortsByCreation(t *testing.T) {
	t.Parallel()
	ids := make([]string, 20000)
	for i := range ids {
		ids[i] = wei.NewID()
	}
	if !sort.StringsAreSorted(ids) {
		t.Fatal("NewID: ids are not sorted in creation order")
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("NewID: duplicate %s", id)
		}
		seen[id] = true
		if len(id) != 36 || id[14] != '7' {
			t.Fatalf("NewID=%s, want UUIDv7 form", id)
		}
	}
}

func TestErrorCode(t *testing.T) {
	t.Parallel()
	wrapped := fmt.Errorf("store: get: %w", wei.ErrNotFound)
	for _, tc := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{wrapped, wei.ENOTFOUND},
		{errors.New("boom"), wei.EINTERNAL},
		{wei.Errorf(wei.ECONFLICT, "x"), wei.ECONFLICT},
	} {
		if got := wei.ErrorCode(tc.err); got != tc.want {
			t.Errorf("ErrorCode(%v)=%q, want %q", tc.err, got, tc.want)
		}
	}
	if got := wei.ErrorMessage(errors.New("secret db detail")); got != "Internal error." {
		t.Errorf("ErrorMessage leaks internal error: %q", got)
	}
}

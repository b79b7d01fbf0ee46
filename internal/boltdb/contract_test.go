package boltdb_test

import (
	"testing"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/boltdb/bolttest"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/playbook/storetest"
)

// The progress database keeps the Store contract, opened for the whole
// session and locked for each transaction (Shared) alike.
func TestStoreContract(t *testing.T) {
	for _, shared := range []bool{false, true} {
		storetest.Run(t, func(t *testing.T) playbook.Store {
			return bolttest.Open(t, boltdb.Options{Shared: shared})
		})
	}
}

// It keeps the records' contract too.
func TestRecordsContract(t *testing.T) {
	storetest.RunRecords(t, func(t *testing.T) playbook.Store { return bolttest.Open(t, boltdb.Options{}) })
}

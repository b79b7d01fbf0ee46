package drilltest_test

import (
	"testing"

	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/playbook/storetest"
)

// The in-memory store keeps the Store contract, as the database does.
func TestStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) playbook.Store { return drilltest.NewStore() })
}

// It keeps the records' contract too.
func TestRecordsContract(t *testing.T) {
	storetest.RunRecords(t, func(t *testing.T) playbook.Store { return drilltest.NewStore() })
}

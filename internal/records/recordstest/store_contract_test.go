package recordstest_test

import (
	"testing"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/playbook/storetest"
	"github.com/playdrill/playdrill/internal/records/recordstest"
)

// The in-memory store of the records tests keeps the Store contract, as
// the database does.
func TestStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) playbook.Store { return recordstest.NewStore() })
}

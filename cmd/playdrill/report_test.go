package main

import (
	"strings"
	"testing"
)

func TestReportUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--format", "xml"}, `--format "xml"`},
		{[]string{"report", "--rep", "alice", "--all"}, "--rep and --all"},
		{[]string{"report", "extra"}, "unknown command"},
	} {
		_, stderr, code := run(t, "", c.args)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", c.args, code, stderr, c.want)
		}
	}
}

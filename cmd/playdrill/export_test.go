package main

import (
	"strings"
	"testing"
)

func TestExportUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--format", "xml"}, `--format "xml"`},
		{[]string{"export", "--format", "csv", "--lrs", "https://lrs.example.com/xapi"}, "--lrs sends xAPI"},
		{[]string{"export", "--lrs", "lrs.example.com"}, "http(s) address"},
		{[]string{"export", "--lrs", "https://u:p@lrs.example.com"}, "PLAYDRILL_LRS_USER"},
		{[]string{"export", "--format", "xapi", "--home-page", "not a url"}, "--home-page"},
	} {
		_, stderr, code := run(t, "", c.args)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", c.args, code, stderr, c.want)
		}
	}
}

func TestExportLRSNeedsCredentials(t *testing.T) {
	for _, env := range [][]string{nil, {"PLAYDRILL_LRS_USER=u"}, {"PLAYDRILL_LRS_KEY=k"}} {
		_, stderr, code := run(t, "", []string{"export", "--lrs", "https://lrs.example.com/xapi"}, env...)
		if code != exitFailure || !strings.Contains(stderr, "PLAYDRILL_LRS_USER and PLAYDRILL_LRS_KEY") {
			t.Errorf("env %v: exit %d, stderr %q", env, code, stderr)
		}
	}
}

/*
 * check_collector.c — unit tests for collector.c.
 * Owns: collector names from paths (layouts of RouteViews and RIS, flat
 * folders, relative paths) and the --collector NAME=GLOB rules.
 * Never: reads files.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_run.h"
#include "io/collector.h"

/* The rules of the test running (empty for the others). */
static struct collector_rules R;

static void expect_collector(const char *path, const char *want)
{
	char got[256];
	collector_of(&R, path, got, sizeof got);
	ck_assert_msg(strcmp(got, want) == 0, "%s -> \"%s\", want \"%s\"", path, got, want);
}

/* The name of the working directory: what a bare file name gets. */
static const char *cwd_name(void)
{
	static char cwd[4096];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	char *slash = strrchr(cwd, '/');
	return slash ? slash + 1 : cwd;
}

START_TEST(collector_name_comes_from_the_archive_layout)
{
	expect_collector("/d/route-views2/bgpdata/2014.12/UPDATES/updates.x.bz2", "route-views2");
	expect_collector("/d/route-views.linx/bgpdata/2014.12/RIBS/rib.x.bz2", "route-views.linx");
	expect_collector("/data/ris/rrc12/2014.12/bview.x.gz", "rrc12");
	expect_collector("/data/ris/rrc00/latest/updates.x.gz", "rrc00");
	expect_collector("/m/archive.routeviews.org/bgpdata/2008.02/UPDATES/updates.x.bz2",
	                 "route-views2");
	expect_collector("/x/mine/2014-12-22/updates.x.gz", "mine");
	expect_collector("/x/rrc00/downloads/updates.x.gz", "rrc00");
	expect_collector("/flat/updates.x.gz", "flat");
	expect_collector("/x.gz", "");
	expect_collector("-", "stdin");
}
END_TEST

START_TEST(collector_name_never_depends_on_how_the_path_was_typed)
{
	char abs[4200];
	expect_collector("updates.x.gz", cwd_name());
	expect_collector("./updates.x.gz", cwd_name());
	expect_collector("rrc01/./updates.x.gz", "rrc01");
	expect_collector("rrc01/../rrc02/updates.x.gz", "rrc02");
	expect_collector("rrc01//2014.12/updates.x.gz", "rrc01");
	ck_assert_ptr_nonnull(getcwd(abs, 4000));
	strcat(abs, "/updates.x.gz");
	expect_collector(abs, cwd_name());
}
END_TEST

START_TEST(collector_rule_names_matching_files_first_rule_wins)
{
	char err[256];
	ck_assert(collector_rule_add(&R, "rrc00=*.gz", err, sizeof err));
	ck_assert(collector_rule_add(&R, "rv2=*.bz2", err, sizeof err));
	ck_assert(collector_rule_add(&R, "other=mixed/upd*", err, sizeof err));
	ck_assert(collector_rule_add(&R, "never=*.mrt", err, sizeof err));
	expect_collector("/x/mixed/updates.1.gz", "rrc00");
	expect_collector("mixed/rib.1.bz2", "rv2");
	expect_collector("/x/mixed/updates.1.plain", "other");
	expect_collector("/x/mixed/bview.1", "mixed");
	ck_assert(collector_rule_add(&R, "abs=/y/*/bview.*", err, sizeof err));
	expect_collector("/y/z/bview.1", "abs");
	expect_collector("/w/y/z/bview.1", "z");
	ck_assert_str_eq(collector_rule_unused(&R), "never=*.mrt");
	collector_rules_free(&R);
	expect_collector("/x/mixed/updates.1.gz", "mixed");
	ck_assert_ptr_null(collector_rule_unused(&R));
}
END_TEST

START_TEST(collector_rule_without_name_or_glob_is_refused)
{
	char err[256];
	ck_assert(!collector_rule_add(&R, "rrc00", err, sizeof err));
	ck_assert_int_eq(errno, EINVAL);     /* a usage error, not lack of memory */
	ck_assert_ptr_nonnull(strstr(err, "NAME=GLOB"));
	ck_assert(!collector_rule_add(&R, "=*.gz", err, sizeof err));
	ck_assert(!collector_rule_add(&R, "rrc00=", err, sizeof err));
	ck_assert(!collector_rule_add(&R, "a/b=*.gz", err, sizeof err));
	ck_assert_ptr_null(collector_rule_unused(&R));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("collector");
	TCase *tc = tcase_create("collector");
	tcase_add_test(tc, collector_name_comes_from_the_archive_layout);
	tcase_add_test(tc, collector_name_never_depends_on_how_the_path_was_typed);
	tcase_add_test(tc, collector_rule_names_matching_files_first_rule_wins);
	tcase_add_test(tc, collector_rule_without_name_or_glob_is_refused);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

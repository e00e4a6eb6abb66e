/*
 * check_deleg.c — delegation files: records, headers and summaries, a file
 * that is not one (an error naming file and line), compressed files, and
 * the address -> country lookup.
 * Owns: deleg rules. Never: touches routing state.
 */
#include <check.h>

#define CHECK_RUN_TMPDIR "check_deleg"
#include "check_run.h"
#include "mrtwrite.h"
#include "state/deleg.h"
#include "state_helpers.h"

static struct deleg D;

static void setup(void)
{
	tmpdir_make();
	deleg_init(&D);
}

static void teardown(void)
{
	deleg_free(&D);
	tmpdir_remove();
}

static const char FILE_TEXT[] =
	"2|apnic|20141222|41389|19830613|20141221|+1000\n"
	"apnic|*|ipv4|*|40000|summary\n"
	"# a comment\n"
	"apnic|KP|ipv4|175.45.176.0|1024|20091229|allocated|A9\n"
	"apnic|KR|ipv4|1.11.0.0|65536|20100126|allocated|A9\n"
	"apnic|KP|asn|131279|1|20091229|allocated|A1\n"
	"apnic||ipv4|1.0.0.0|256||available|\n"
	"apnic|JP|ipv4|1.0.16.0|768|20110412|allocated|A9\n"
	"apnic|JP|ipv6|2001:db8::|32|20091229|assigned|A9\n";

static deleg_cc country_of(const char *pfx)
{
	struct prefix p = P(pfx);
	return deleg_country(&D, &p);
}

static const char *write_file(const char *name, const char *text, enum mw_compress how)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	ck_assert_int_eq(mw_write_file(path, (const uint8_t *)text, strlen(text), how), 0);
	return path;
}

START_TEST(records_give_countries_and_headers_summaries_asns_are_skipped)
{
	char err[256];
	ck_assert_msg(deleg_load(&D, write_file("d", FILE_TEXT, MW_PLAIN), err, sizeof err), "%s", err);
	deleg_finish(&D);
	ck_assert_uint_eq(D.n4, 3);
	ck_assert_uint_eq(D.n6, 1);
	ck_assert_uint_eq(country_of("175.45.179.0/24"), 'K' << 8 | 'P');
	ck_assert_uint_eq(country_of("175.45.180.0/24"), 0);
	ck_assert_uint_eq(country_of("1.0.0.0/24"), 0);
	/* 768 addresses: not a power of two, 1.0.16.0 - 1.0.18.255 */
	ck_assert_uint_eq(country_of("1.0.18.0/24"), 'J' << 8 | 'P');
	ck_assert_uint_eq(country_of("1.0.19.0/24"), 0);
	ck_assert_uint_eq(country_of("2001:db8:ffff::/48"), 'J' << 8 | 'P');
	ck_assert_uint_eq(country_of("2001:db9::/48"), 0);
}
END_TEST

START_TEST(gzip_and_bzip2_files_are_read)
{
	char err[256];
	ck_assert_msg(deleg_load(&D, write_file("d.gz", FILE_TEXT, MW_GZIP), err, sizeof err), "%s", err);
	ck_assert_msg(deleg_load(&D, write_file("d.bz2", FILE_TEXT, MW_BZIP2), err, sizeof err), "%s", err);
	deleg_finish(&D);
	ck_assert_uint_eq(D.n4, 6);
}
END_TEST

START_TEST(a_file_that_is_not_a_delegation_file_is_an_error_naming_file_and_line)
{
	char err[256];
	const char *p = write_file("prefixes.txt", "2|apnic|20141222|1|19830613|20141221|+1000\n"
	                           "175.45.176.0/22\n", MW_PLAIN);
	ck_assert(!deleg_load(&D, p, err, sizeof err));
	ck_assert_msg(strstr(err, "prefixes.txt:2:") != NULL, "%s", err);
	p = write_file("bin", "\x01\x02\x00\x03", MW_PLAIN);
	ck_assert(!deleg_load(&D, p, err, sizeof err));
	ck_assert_msg(strstr(err, "bin:1:") != NULL, "%s", err);
	ck_assert(!deleg_load(&D, "/no/such/file", err, sizeof err));
	ck_assert(!D.oom);          /* a bad file is a usage error, not lack of memory */
	ck_assert_int_eq(deleg_line(&D, "apnic|KP|ipv4|175.45.176.0|lots|20091229|allocated"), -1);
	ck_assert_int_eq(deleg_line(&D, "apnic|KP|ipv4|255.255.255.0|1024|20091229|allocated"), -1);
	ck_assert_int_eq(deleg_line(&D, "apnic|KPX|ipv4|1.0.0.0|256|20091229|allocated"), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("deleg");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, records_give_countries_and_headers_summaries_asns_are_skipped);
	tcase_add_test(tc, gzip_and_bzip2_files_are_read);
	tcase_add_test(tc, a_file_that_is_not_a_delegation_file_is_an_error_naming_file_and_line);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

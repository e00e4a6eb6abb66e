/*
 * check_mrtdef.c — the MRT constants: numbers as RFC 6396 / RFC 8050 give
 * them, the predicates every layer asks, and the RFC names.
 */
#include <check.h>

#include "decode/mrtdef.h"
#include "check_run.h"

START_TEST(numbers_are_the_rfc_ones)
{
	/* RFC 6396 §4 and appendix B; RFC 8050 §3-4 for the ADD-PATH subtypes. */
	ck_assert_int_eq(MRT_BGP, 5);
	ck_assert_int_eq(MRT_TABLE_DUMP, 12);
	ck_assert_int_eq(MRT_TABLE_DUMP_V2, 13);
	ck_assert_int_eq(MRT_BGP4MP, 16);
	ck_assert_int_eq(MRT_BGP4MP_ET, 17);
	ck_assert_int_eq(MRT_ISIS_ET, 33);
	ck_assert_int_eq(MRT_OSPFV3_ET, 49);
	ck_assert_int_eq(TD2_GEO_PEER_TABLE, 7);
	ck_assert_int_eq(TD2_RIB_GENERIC_ADDPATH, 12);
	ck_assert_int_eq(BGP4MP_STATE_CHANGE_AS4, 5);
	ck_assert_int_eq(BGP4MP_MESSAGE_AS4_LOCAL_ADDPATH, 11);
	ck_assert_int_eq(MRT_BGP_STATE_CHANGE, 3);
	ck_assert_int_eq(BGP_STATE_ESTABLISHED, 6);
	ck_assert_uint_eq(MRT_HEADER_LEN, 12);
}
END_TEST

START_TEST(et_types_carry_microseconds)
{
	ck_assert(mrt_is_et(MRT_BGP4MP_ET));
	ck_assert(mrt_is_et(MRT_ISIS_ET));
	ck_assert(mrt_is_et(MRT_OSPFV3_ET));
	ck_assert(!mrt_is_et(MRT_BGP4MP));
	ck_assert(!mrt_is_et(MRT_TABLE_DUMP_V2));
}
END_TEST

START_TEST(known_types_are_the_ones_rfc6396_names)
{
	/* RFC 6396 §4 and appendix B: 0-4 (NULL .. PEER_DOWN) and 6-8 carry no
	 * routes an archive holds; 14, 15, 18 and 50 are unassigned. */
	const uint16_t known[] = { 5, 9, 10, 11, 12, 13, 16, 17, 32, 33, 48, 49 };
	const uint16_t unknown[] = { 0, 1, 4, 6, 8, 14, 15, 18, 31, 50, 65535 };
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		ck_assert_msg(mrt_type_known(known[i]), "%u", known[i]);
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		ck_assert_msg(!mrt_type_known(unknown[i]), "%u", unknown[i]);
}
END_TEST

START_TEST(rib_types_are_the_two_table_dumps)
{
	for (unsigned t = 0; t < 64; t++)
		ck_assert(mrt_is_rib((uint16_t)t) == (t == 12 || t == 13));
}
END_TEST

START_TEST(as4_subtypes_are_the_rfc_five)
{
	for (unsigned s = 0; s < 16; s++)
		ck_assert(bgp4mp_is_as4((uint16_t)s) ==
		          (s == 4 || s == 5 || s == 7 || s == 9 || s == 11));
}
END_TEST

START_TEST(addpath_subtypes_per_type)
{
	for (unsigned s = 0; s < 16; s++) {
		ck_assert(mrt_is_addpath(MRT_BGP4MP, (uint16_t)s) == (s >= 8 && s <= 11));
		ck_assert(mrt_is_addpath(MRT_BGP4MP_ET, (uint16_t)s) == (s >= 8 && s <= 11));
		ck_assert(mrt_is_addpath(MRT_TABLE_DUMP_V2, (uint16_t)s) == (s >= 8 && s <= 12));
		ck_assert(!mrt_is_addpath(MRT_TABLE_DUMP, (uint16_t)s));
		ck_assert(!mrt_is_addpath(MRT_BGP, (uint16_t)s));
	}
}
END_TEST

START_TEST(known_subtypes_leave_out_the_obsolete)
{
	for (unsigned s = 0; s < 16; s++) {
		ck_assert(bgp4mp_known((uint16_t)s) == (s <= 11 && s != 2 && s != 3));
		ck_assert(td2_known((uint16_t)s) == (s >= 1 && s <= 12 && s != 7));
		ck_assert(td_known((uint16_t)s) == (s == 1 || s == 2));
	}
	ck_assert(bgp4mp_is_state_change(BGP4MP_STATE_CHANGE));
	ck_assert(bgp4mp_is_state_change(BGP4MP_STATE_CHANGE_AS4));
	ck_assert(!bgp4mp_is_state_change(BGP4MP_MESSAGE));
	ck_assert(bgp4mp_is_local(6) && bgp4mp_is_local(7) && !bgp4mp_is_local(10));
	ck_assert(td2_is_rib_generic(6) && td2_is_rib_generic(12) && !td2_is_rib_generic(2));
}
END_TEST

START_TEST(type_names_follow_rfc6396)
{
	static const struct {
		uint16_t type, subtype;
		const char *name;
	} names[] = {
		{ 13, 2, "TABLE_DUMP_V2/RIB_IPV4_UNICAST" },
		{ 13, 10, "TABLE_DUMP_V2/RIB_IPV6_UNICAST_ADDPATH" },
		{ 16, 5, "BGP4MP/STATE_CHANGE_AS4" },
		{ 17, 4, "BGP4MP_ET/MESSAGE_AS4" },
		{ 12, 2, "TABLE_DUMP/AFI_IPv6" },
		{ 5, 1, "BGP/UPDATE" },
		{ 11, 0, "OSPFv2/SUBTYPE_0" },
		{ 99, 65535, "TYPE_99/SUBTYPE_65535" },
		{ 13, 0, "TABLE_DUMP_V2/SUBTYPE_0" },
		{ 12, 0, "TABLE_DUMP/SUBTYPE_0" },
		{ 16, 12, "BGP4MP/SUBTYPE_12" },
	};
	char b[64];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		mrt_type_label(names[i].type, names[i].subtype, b, sizeof b);
		ck_assert_str_eq(b, names[i].name);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mrtdef");
	TCase *tc = tcase_create("mrtdef");

	tcase_add_test(tc, numbers_are_the_rfc_ones);
	tcase_add_test(tc, et_types_carry_microseconds);
	tcase_add_test(tc, known_types_are_the_ones_rfc6396_names);
	tcase_add_test(tc, rib_types_are_the_two_table_dumps);
	tcase_add_test(tc, as4_subtypes_are_the_rfc_five);
	tcase_add_test(tc, addpath_subtypes_per_type);
	tcase_add_test(tc, known_subtypes_leave_out_the_obsolete);
	tcase_add_test(tc, type_names_follow_rfc6396);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

/* Staff PIN: Argon2id hash, lockout after five wrong tries, storing the hash
 * in the location file without touching the other lines. */
#include "ini.h"
#include "pin.h"
#include "str.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static char hash[WW_PIN_HASH_SIZE];

static int setup(void **state)
{
    (void)state;
    return ww_pin_hash("2468", hash, sizeof hash) ? 0 : -1;
}

static void test_hash(void **state)
{
    (void)state;
    assert_memory_equal(hash, "$argon2id$", 10);
    assert_null(strstr(hash, "2468"));
    assert_true(ww_pin_matches(hash, "2468"));
    assert_false(ww_pin_matches(hash, "2469"));
    assert_false(ww_pin_matches("plain-text", "2468"));
    char again[WW_PIN_HASH_SIZE];
    assert_true(ww_pin_hash("2468", again, sizeof again));
    assert_string_not_equal(hash, again); /* salted */
    /* A new PIN has six digits at least (set-pin refuses shorter ones). */
    assert_true(ww_pin_valid("000000"));
    assert_true(ww_pin_valid("12345678"));
    assert_false(ww_pin_valid("0000"));
    assert_false(ww_pin_valid("12345"));
    assert_false(ww_pin_valid("123"));
    assert_false(ww_pin_valid("123456789"));
    assert_false(ww_pin_valid("12a4"));
}

static void test_lockout(void **state)
{
    (void)state;
    int64_t now = 1790000000;
    struct ww_clock c = ww_clock_fixed(&now);
    struct ww_pin_guard g;
    ww_pin_guard_init(&g);
    /* Four wrong tries: each only "wrong", whatever the digits. */
    static const char *const tries[] = {"1111", "2467", "2460", "9999"};
    for (int i = 0; i < 4; i++)
        assert_int_equal(ww_pin_check(&g, NULL, "weener-xl", "staff", &c, hash, tries[i]),
                         WW_PIN_WRONG);
    /* The fifth locks, and then even the right PIN is refused. */
    assert_int_equal(ww_pin_check(&g, NULL, "weener-xl", "staff", &c, hash, "0000"), WW_PIN_LOCKED);
    assert_int_equal(ww_pin_check(&g, NULL, "weener-xl", "staff", &c, hash, "2468"), WW_PIN_LOCKED);
    assert_int_equal(ww_pin_locked_for(&g, &c), 300);
    now += 299;
    assert_int_equal(ww_pin_check(&g, NULL, "weener-xl", "staff", &c, hash, "2468"), WW_PIN_LOCKED);
    now += 1;
    assert_int_equal(ww_pin_locked_for(&g, &c), 0);
    assert_int_equal(ww_pin_check(&g, NULL, "weener-xl", "staff", &c, hash, "2468"), WW_PIN_OK);
    /* A success resets the count. */
    for (int i = 0; i < 4; i++)
        assert_int_equal(ww_pin_check(&g, NULL, "weener-xl", "staff", &c, hash, "1234"),
                         WW_PIN_WRONG);
    assert_int_equal(ww_pin_check(&g, NULL, "weener-xl", "staff", &c, hash, "2468"), WW_PIN_OK);
    assert_int_equal(ww_pin_check(&g, NULL, "weener-xl", "staff", &c, hash, "1234"), WW_PIN_WRONG);
    /* No PIN configured: the staff entry stays closed. */
    assert_int_equal(ww_pin_check(&g, NULL, "weener-xl", "staff", &c, "", "2468"), WW_PIN_NOT_SET);
}

static void test_store_in_file(void **state)
{
    (void)state;
    static const struct {
        const char *before, *after;
    } cases[] = {
        {"; comment\n[location]\nname = X\npin_hash =\ngeneral = a\n[hours]\nmon = 09:00-17:00\n",
         "; comment\n[location]\nname = X\npin_hash = H\ngeneral = a\n[hours]\nmon = "
         "09:00-17:00\n"},
        {"[location]\nname = X\n\n[hours]\nmon = 09:00-17:00\n",
         "[location]\nname = X\n\npin_hash = H\n[hours]\nmon = 09:00-17:00\n"},
        {"[hours]\nmon = 09:00-17:00\n[location]\nname = X",
         "[hours]\nmon = 09:00-17:00\n[location]\nname = X\npin_hash = H\n"},
    };
    char path[] = "/tmp/ww-pin-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *f = fopen(path, "w");
        fputs(cases[i].before, f);
        fclose(f);
        char err[256];
        assert_true(ww_pin_store(path, "H", err, sizeof err));
        char *text = ww_read_file(path, 4096, NULL);
        assert_non_null(text);
        assert_string_equal(text, cases[i].after);
        free(text);
    }
    FILE *f = fopen(path, "w");
    fputs("[hours]\n", f);
    fclose(f);
    char err[256];
    assert_false(ww_pin_store(path, "H", err, sizeof err));
    assert_non_null(strstr(err, "no [location] section"));
    unlink(path);
}

/* A rewrite keeps the file's mode, owner and group; removing the hash
 * (hash NULL) drops the line and keeps them too. */
static void test_store_keeps_mode(void **state)
{
    (void)state;
    char dir[] = "/tmp/ww-pin-dir-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    ww_fmt(path, sizeof path, "%s/weener-xl.ini", dir);
    FILE *f = fopen(path, "w");
    fputs("[location]\nname = X\npin_hash = OLD\n[hours]\n", f);
    fclose(f);
    /* Root (the usual case for set-pin) hands the file to another group;
     * anyone else keeps their own. */
    bool root = geteuid() == 0;
    if (root)
        assert_int_equal(chown(path, 0, 65534), 0);
    assert_int_equal(chmod(path, 0640), 0);
    struct stat before, after;
    assert_int_equal(stat(path, &before), 0);
    char err[256];
    assert_true(ww_pin_store(path, "NEW", err, sizeof err));
    assert_int_equal(stat(path, &after), 0);
    assert_int_equal(after.st_mode & 07777, 0640);
    assert_int_equal(after.st_uid, before.st_uid);
    assert_int_equal(after.st_gid, before.st_gid);
    assert_true(after.st_ino != before.st_ino); /* replaced, not rewritten in place */
    char *text = ww_read_file(path, 4096, NULL);
    assert_string_equal(text, "[location]\nname = X\npin_hash = NEW\n[hours]\n");
    free(text);
    assert_int_equal(chmod(path, 0600), 0);
    assert_true(ww_pin_store(path, NULL, err, sizeof err));
    assert_int_equal(stat(path, &after), 0);
    assert_int_equal(after.st_mode & 07777, 0600);
    assert_int_equal(after.st_gid, before.st_gid);
    text = ww_read_file(path, 4096, NULL);
    assert_string_equal(text, "[location]\nname = X\n[hours]\n");
    free(text);
    unlink(path);
    rmdir(dir);
}

/* The hash in the state folder: 0600, owned like the folder, read back;
 * a pin_hash in the config counts only when there is no state file. */
static void test_state_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/ww-pin-state-XXXXXX";
    assert_non_null(mkdtemp(dir));
    bool root = geteuid() == 0;
    if (root)
        assert_int_equal(chown(dir, 65534, 65534), 0);
    char out[WW_PIN_HASH_SIZE], err[256], path[256];
    ww_pin_load(dir, "weener-xl", "$argon2id$config", out, sizeof out);
    assert_string_equal(out, "$argon2id$config");
    ww_pin_load(dir, "weener-xl", NULL, out, sizeof out);
    assert_string_equal(out, "");
    assert_true(ww_pin_save(dir, "weener-xl", hash, err, sizeof err));
    assert_true(ww_pin_state_path(dir, "weener-xl", path, sizeof path));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    if (root) {
        assert_int_equal(st.st_uid, 65534); /* the service user's, not root's */
        assert_int_equal(st.st_gid, 65534);
    }
    ww_pin_load(dir, "weener-xl", "$argon2id$config", out, sizeof out);
    assert_string_equal(out, hash);
    assert_true(ww_pin_matches(out, "2468"));
    /* A second save keeps what staff made of the file. */
    assert_int_equal(chmod(path, 0640), 0);
    assert_true(ww_pin_save(dir, "weener-xl", "$argon2id$v=19$other", err, sizeof err));
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    ww_pin_load(dir, "weener-xl", NULL, out, sizeof out);
    assert_string_equal(out, "$argon2id$v=19$other");
    /* Not a hash: logged, the config's is used. */
    FILE *f = fopen(path, "w");
    fputs("2468\n", f);
    fclose(f);
    ww_pin_load(dir, "weener-xl", "$argon2id$config", out, sizeof out);
    assert_string_equal(out, "$argon2id$config");
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash),          cmocka_unit_test(test_lockout),
        cmocka_unit_test(test_store_in_file), cmocka_unit_test(test_store_keeps_mode),
        cmocka_unit_test(test_state_file),
    };
    return cmocka_run_group_tests_name("pin", tests, setup, NULL);
}

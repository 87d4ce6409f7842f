#!/usr/bin/env perl
# Writes the tiny MaxMind DB files that dev.glint.enrich tests read, from the records listed in
# shared/src/test/resources/enrich/test-mmdb.json (made-up data for documentation ranges).
#
# Needs Debian's libmaxmind-db-writer-perl (apt-get install -y libmaxmind-db-writer-perl).
# The .mmdb files it writes are committed, so the build and CI need no Perl; run this only after
# editing test-mmdb.json, then run `./mvnw -pl shared test -Dtest='dev.glint.enrich.**'`.
#
#   perl shared/src/test/mmdb/make-test-mmdb.pl
use strict;
use warnings;
use utf8;

use File::Basename qw(dirname);
use File::Spec;
use JSON::PP;
use MaxMind::DB::Writer::Tree;

my $out_dir = File::Spec->catdir(dirname(File::Spec->rel2abs(__FILE__)), '..', 'resources', 'enrich');
my $spec_file = File::Spec->catfile($out_dir, 'test-mmdb.json');

# MMDB value types per map key. GeoIP2 stores coordinates as doubles, ip-location-db as floats.
my %geoip2_types = (
    continent => 'map', country => 'map', registered_country => 'map', city => 'map',
    postal => 'map', location => 'map', names => 'map',
    subdivisions => ['array', 'map'],
    code => 'utf8_string', iso_code => 'utf8_string', time_zone => 'utf8_string',
    en => 'utf8_string', de => 'utf8_string',
    geoname_id => 'uint32', accuracy_radius => 'uint16',
    latitude => 'double', longitude => 'double',
);
my %ip_location_db_city_types = (
    (map { $_ => 'utf8_string' } qw(country_code state1 state2 city postcode timezone)),
    latitude => 'float', longitude => 'float',
);
my %asn_types = (
    autonomous_system_number => 'uint32',
    autonomous_system_organization => 'utf8_string',
);

my %types_by_file = (
    'geoip2-city-test.mmdb' => \%geoip2_types,
    'dbip-city-ipv4-test.mmdb' => \%ip_location_db_city_types,
    'dbip-city-ipv6-test.mmdb' => \%ip_location_db_city_types,
    'asn-test.mmdb' => \%asn_types,
);

my $spec = do {
    open my $in, '<:raw', $spec_file or die "cannot read $spec_file: $!";
    local $/;
    JSON::PP->new->utf8->decode(<$in>);
};

for my $db (@{ $spec->{databases} }) {
    my $types = $types_by_file{ $db->{file} } or die "no value types for $db->{file}";
    my $tree = MaxMind::DB::Writer::Tree->new(
        ip_version => $db->{ip_version},
        record_size => 24,
        database_type => $db->{database_type},
        languages => $db->{languages},
        description => defined $db->{description} ? { en => $db->{description} } : {},
        map_key_type_callback => sub { $types->{ $_[0] } // die "no MMDB type for key '$_[0]'" },
        # The documentation ranges are reserved: the writer drops them unless told otherwise.
        remove_reserved_networks => 0,
        # As MaxMind's own files do: ::ffff:a.b.c.d and 6to4 addresses find the IPv4 record.
        alias_ipv6_to_ipv4 => $db->{ip_version} == 6 ? 1 : 0,
    );
    # Broader networks first, so a more specific one (2001:db8:1::/48) overrides its part.
    for my $entry (sort { prefix($a->{network}) <=> prefix($b->{network}) } @{ $db->{networks} }) {
        $tree->insert_network($entry->{network}, $entry->{data});
    }
    my $file = File::Spec->catfile($out_dir, $db->{file});
    open my $out, '>:raw', $file or die "cannot write $file: $!";
    $tree->write_tree($out);
    close $out or die "cannot close $file: $!";
    printf "%-26s %5d bytes, %d networks, type '%s'\n", $db->{file}, -s $file,
        scalar @{ $db->{networks} }, $db->{database_type};
}

sub prefix {
    my ($network) = @_;
    my ($address, $length) = split m{/}, $network;
    # IPv4 networks sit at ::a.b.c.d/(96 + length) in an IPv6 tree; compare them the same way.
    return $address =~ /:/ ? $length : 96 + $length;
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";

/// @dev AdMarket fixture shared by the unit tests and the gas benchmark: a campaign window, campaign
/// and epoch helpers, and the Merkle tree fixture (fixtures/merkle.json, built by OpenZeppelin merkle-tree).
abstract contract AdMarketBase is Base {
    uint256 internal constant CPC = 1e18;
    uint256 internal constant BUDGET = 100e18;
    uint40 internal start;
    uint40 internal end;

    function setUp() public virtual override {
        super.setUp();
        start = uint40(block.timestamp);
        end = uint40(block.timestamp + 7 days);
    }

    function _create(address who, uint64[] memory targets) internal returns (uint256) {
        vm.prank(who);
        return market.createCampaign(BUDGET, CPC, start, end, "data:,ad", targets);
    }

    function _targets(uint256 n) internal pure returns (uint64[] memory t) {
        t = new uint64[](n);
        for (uint256 i; i < n; ++i) {
            t[i] = uint64(cellAt(i));
        }
    }

    function _postFixture()
        internal
        returns (bytes32 root, uint256 total, address[] memory accounts, uint256[] memory amounts)
    {
        string memory json = vm.readFile("contracts/test/fixtures/merkle.json");
        root = vm.parseJsonBytes32(json, ".root");
        total = vm.parseJsonUint(json, ".total");
        accounts = vm.parseJsonAddressArray(json, ".accounts");
        amounts = vm.parseJsonUintArray(json, ".amounts");
        _postRoot(root, total);
    }

    function _postRoot(bytes32 root, uint256 total) internal {
        vm.prank(alice);
        uint256 id = market.createCampaign(total, CPC, start, end, "", _targets(1));
        uint256 spendBefore = market.settledTotal();
        uint256 epochId = market.lastEpochId() + 1;
        vm.prank(settler);
        market.postEpoch(
            epochId,
            root,
            spendBefore + total,
            uint40(block.timestamp),
            bytes32(0),
            _one(id),
            _oneAmount(total)
        );
    }

    function _proof(uint256 i) internal view returns (bytes32[] memory) {
        string memory json = vm.readFile("contracts/test/fixtures/merkle.json");
        return vm.parseJsonBytes32Array(json, string.concat(".proofs[", vm.toString(i), "]"));
    }

    function _leaf(address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
    }

    function _hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function _single(bytes32 x) internal pure returns (bytes32[] memory p) {
        p = new bytes32[](1);
        p[0] = x;
    }

    function _one(uint256 x) internal pure returns (uint256[] memory a) {
        a = new uint256[](1);
        a[0] = x;
    }

    function _oneAmount(uint256 x) internal pure returns (uint256[] memory a) {
        return _one(x);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AdMarketBase} from "../AdMarketBase.t.sol";
import {BenchProfile} from "./BenchProfile.sol";
import {ReferenceCumulativeMerkleDrop} from "./ReferenceCumulativeMerkleDrop.sol";

/// @dev Transaction gas of the AdMarket calls; claims next to a plain cumulative Merkle distributor
/// (ReferenceCumulativeMerkleDrop) paying the same accounts from the same tree. Figures land in
/// snapshots/AdMarketGasBench.json ("ref tx:" for the reference); `npm run bench -- gas` runs this
/// and turns them into a table against the goals.
contract AdMarketGasBench is AdMarketBase {
    ReferenceCumulativeMerkleDrop internal drop;

    function setUp() public override {
        BenchProfile.skipUnlessActive();
        super.setUp();
        drop = new ReferenceCumulativeMerkleDrop(token);
        vm.prank(treasury);
        token.transfer(address(drop), 1_000_000e18);
    }

    function test_gas_createCampaign1Target() public {
        _benchCreate(1);
    }

    function test_gas_createCampaign50Targets() public {
        _benchCreate(50);
    }

    /// @dev MAX_TARGETS: a longer list reverts (AdMarket.t.sol tests that).
    function test_gas_createCampaign256Targets() public {
        _benchCreate(market.MAX_TARGETS());
    }

    function test_gas_postEpoch1Campaign() public {
        _benchPostEpoch(1, false);
    }

    function test_gas_postEpoch1CampaignFirstLap() public {
        _benchPostEpoch(1, true);
    }

    function test_gas_postEpoch100Campaigns() public {
        _benchPostEpoch(100, false);
    }

    function test_gas_postEpoch1000Campaigns() public {
        _benchPostEpoch(1000, false);
    }

    /// @dev Event-only setters: no storage written.
    function test_gas_setDeliveryAndUpdateCreative() public {
        uint256 id = _create(alice, _targets(1));
        vm.prank(alice);
        market.setDelivery(id, 10e18, 0x3e, 0x01ff00);
        vm.snapshotGasLastCall("tx: setDelivery");
        vm.prank(alice);
        market.updateCreative(id, "data:application/json,{\"title\":\"Fresh bread at 7\"}");
        vm.snapshotGasLastCall("tx: updateCreative");
    }

    /// @dev An ended campaign with one click settled by an activated epoch takes back the rest.
    function test_gas_withdrawUnspent() public {
        uint256 id = _create(alice, _targets(1));
        vm.warp(end + 1);
        uint256 total = market.settledTotal() + CPC;
        uint256 epochId = market.lastEpochId() + 1;
        vm.prank(settler);
        market.postEpoch(
            epochId,
            keccak256("epoch"),
            total,
            uint40(block.timestamp),
            keccak256("leaves"),
            _one(id),
            _one(CPC)
        );
        uint256 before = token.balanceOf(alice);
        vm.prank(alice);
        market.withdrawUnspent(id);
        vm.snapshotGasLastCall("tx: withdrawUnspent");
        assertEq(token.balanceOf(alice) - before, BUDGET - CPC);
    }

    /// @dev A viewer who never held HXA: the claim also creates its token balance.
    function test_gas_claimFirstNewHolder() public {
        (bytes32 root,, address[] memory accounts, uint256[] memory amounts) = _postFixture();
        drop.setMerkleRoot(root);
        vm.prank(bob);
        market.claim(accounts[6], amounts[6], _proof(6));
        vm.snapshotGasLastCall("tx: claim (first, new holder)");
        _empty(accounts[6]); // so the reference claim also pays a new holder
        vm.prank(bob);
        drop.claim(accounts[6], amounts[6], _proof(6));
        vm.snapshotGasLastCall("ref tx: claim (first, new holder)");
        assertEq(token.balanceOf(accounts[6]), amounts[6]);
    }

    function test_gas_claimFirstAndLater() public {
        (bytes32 root,, address[] memory accounts, uint256[] memory amounts) = _postFixture();
        drop.setMerkleRoot(root);
        address account = accounts[5];
        // Give the account some HXA first, as most users have: its balance slot is then non-zero.
        vm.prank(treasury);
        token.transfer(account, 1e18);
        _benchClaim("claim (first, holds HXA)", account, amounts[5], _proof(5), 1e18 + 2 * amounts[5]);

        // A later epoch raises the account's cumulative amount; it claims the difference.
        bytes32 other = _leaf(carol, 1e18);
        bytes32 later = _hashPair(_leaf(account, amounts[5] + 1e18), other);
        _postRoot(later, amounts[5] + 2e18);
        drop.setMerkleRoot(later);
        _benchClaim("claim (later)", account, amounts[5] + 1e18, _single(other), 3e18 + 2 * amounts[5]);
    }

    /// @dev claimBatch of 10 new holders' first claims against the reference's 10 separate claim
    /// transactions.
    function test_gas_claimBatch10() public {
        (bytes32 root,, address[] memory all, uint256[] memory allAmounts) = _postFixture();
        drop.setMerkleRoot(root);
        address[] memory accounts = new address[](10);
        uint256[] memory amounts = new uint256[](10);
        bytes32[][] memory proofs = new bytes32[][](10);
        uint256 separate;
        for (uint256 i; i < 10; ++i) {
            (accounts[i], amounts[i], proofs[i]) = (all[i], allAmounts[i], _proof(i));
            vm.prank(bob);
            drop.claim(accounts[i], amounts[i], proofs[i]);
            separate += BenchProfile.lastTxGas();
            _empty(accounts[i]);
        }
        vm.prank(bob);
        market.claimBatch(accounts, amounts, proofs);
        vm.snapshotValue("tx: claimBatch(10) per claim", BenchProfile.lastTxGas() / 10);
        vm.snapshotValue("ref tx: claimBatch(10) per claim", separate / 10);
        for (uint256 i; i < 10; ++i) {
            assertEq(token.balanceOf(accounts[i]), amounts[i]);
        }
    }

    // ------------------------------------------------------------------ helpers

    function _benchCreate(uint256 n) internal {
        _create(bob, _targets(1)); // not the first campaign ever
        uint64[] memory targets = _targets(n);
        vm.prank(alice);
        market.createCampaign(
            BUDGET,
            CPC,
            start,
            end,
            "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
            targets
        );
        vm.snapshotGasLastCall(
            string.concat("tx: createCampaign(", vm.toString(n), n == 1 ? " target)" : " targets)")
        );
        assertEq(market.getCampaign(2).targetsHash, keccak256(abi.encodePacked(targets)));
    }

    /// @dev A later epoch settling a click's spend on each of `n` campaigns, in the steady state: the
    /// epoch ring (MAX_PENDING + 1 entries) has gone round once, so the epoch's entry is rewritten,
    /// not created. `firstLap`: one of the first MAX_PENDING + 1 epochs, whose entry is created.
    function _benchPostEpoch(uint256 n, bool firstLap) internal {
        _postRoot(keccak256("epoch 1"), 1e18);
        uint256 rounds = firstLap ? 0 : market.MAX_PENDING() + 1;
        vm.startPrank(settler);
        for (uint256 i; i < rounds; ++i) {
            market.postEpoch(
                market.lastEpochId() + 1,
                keccak256("empty"),
                market.settledTotal(),
                uint40(block.timestamp),
                bytes32(0),
                new uint256[](0),
                new uint256[](0)
            );
        }
        vm.stopPrank();
        uint256[] memory ids = new uint256[](n);
        uint256[] memory spend = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            ids[i] = _create(alice, _targets(1));
            spend[i] = CPC;
        }
        uint256 total = market.settledTotal() + n * CPC;
        uint256 epochId = market.lastEpochId() + 1;
        vm.prank(settler);
        market.postEpoch(
            epochId, keccak256("epoch"), total, uint40(block.timestamp), keccak256("leaves"), ids, spend
        );
        vm.snapshotGasLastCall(
            string.concat(
                "tx: postEpoch(",
                vm.toString(n),
                n == 1 ? " campaign" : " campaigns",
                firstLap ? ", first lap)" : ")"
            )
        );
        assertEq(market.lastEpochId(), epochId);
        assertEq(market.settledTotal(), total);
    }

    /// @dev Claims the same leaf from AdMarket and the reference; `account` ends with `balanceAfter`.
    function _benchClaim(
        string memory name,
        address account,
        uint256 cumulative,
        bytes32[] memory proof,
        uint256 balanceAfter
    ) internal {
        vm.prank(bob);
        market.claim(account, cumulative, proof);
        vm.snapshotGasLastCall(string.concat("tx: ", name));
        vm.prank(bob);
        drop.claim(account, cumulative, proof);
        vm.snapshotGasLastCall(string.concat("ref tx: ", name));
        assertEq(token.balanceOf(account), balanceAfter);
    }

    /// @dev Sends `account`'s whole HXA balance away, back to a zero balance slot.
    function _empty(address account) internal {
        vm.startPrank(account);
        token.transfer(treasury, token.balanceOf(account));
        vm.stopPrank();
    }
}
